package io.github.kvkit.validator.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The child in a bubblewrap sandbox ({@code bwrap}): new user, PID, IPC, UTS, network and cgroup namespaces, a
 * fresh session, no capabilities, and a file system made of read-only binds of the system's programs and
 * libraries ({@code /usr} and its links), the JDK, each file the child reads (its class path, ND4J's native
 * libraries), a private {@code /tmp}, {@code /dev} and its own {@code /proc}, and its private directory read-write,
 * the candidate's classes in it read-only. Nothing else: no home folder, no Maven repository beyond the jars of its
 * class path, no project folder, no other process, no network but its own loopback. When the child's JVM exits or
 * is killed, everything it started dies with the namespace ({@code --die-with-parent}, PID 1 of the namespace).
 */
public final class Bubblewrap implements Sandbox {

    /** The system directories a JVM and ND4J's native code load from, bound read-only (or linked, as on the host). */
    private static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32");

    /** New namespaces, a session of its own, no capabilities, an empty environment: every sandbox, probe or child. */
    private static final List<String> ISOLATION = List.of("--unshare-all", "--die-with-parent", "--new-session",
            "--cap-drop", "ALL", "--clearenv");

    private final Path bwrap;
    private final List<String> systemArguments;

    /** A sandbox made with the {@code bwrap} program at {@code bwrap}, for a child running the JDK at {@code javaHome}. */
    Bubblewrap(Path bwrap, Path javaHome) {
        this.bwrap = bwrap;
        this.systemArguments = systemArguments(javaHome);
    }

    @Override
    public String mechanism() {
        return "bubblewrap";
    }

    @Override
    public Confined confine(ChildSpec spec) {
        List<String> cmd = new ArrayList<>();
        cmd.add(bwrap.toString());
        cmd.addAll(ISOLATION);
        for (Map.Entry<String, String> e : spec.environment().entrySet()) {
            cmd.addAll(List.of("--setenv", e.getKey(), e.getValue()));
        }
        cmd.addAll(systemArguments);
        for (Path p : spec.readOnly()) {
            bind(cmd, "--ro-bind", p);
        }
        bind(cmd, "--bind", spec.root());
        bind(cmd, "--ro-bind", spec.classes());
        cmd.addAll(List.of("--chdir", spec.work().toString(), "--"));
        cmd.addAll(spec.command());
        return () -> Processes.builder(cmd, spec);
    }

    /** The arguments of a sandbox that runs {@code program} and nothing of the user's: what the probe starts. */
    List<String> probe(Path program) {
        List<String> cmd = new ArrayList<>();
        cmd.add(bwrap.toString());
        cmd.addAll(ISOLATION);
        cmd.addAll(systemArguments);
        cmd.add("--");
        cmd.add(program.toString());
        return cmd;
    }

    private static void bind(List<String> cmd, String how, Path p) {
        String path = p.toAbsolutePath().toString();
        cmd.addAll(List.of(how, path, path));
    }

    /**
     * The system, the JDK and the sandbox's own {@code /proc}, {@code /dev} and {@code /tmp}. A system directory
     * that is a link on the host ({@code /lib -> usr/lib} on merged-/usr systems) is the same link in the sandbox.
     * Debian's JDK links its configuration into {@code /etc}: each link's target outside the JDK is bound too.
     */
    private static List<String> systemArguments(Path javaHome) {
        List<String> args = new ArrayList<>();
        for (String dir : SYSTEM) {
            Path p = Path.of(dir);
            try {
                if (Files.isSymbolicLink(p)) {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
                } else if (Files.isDirectory(p)) {
                    args.addAll(List.of("--ro-bind", dir, dir));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the link " + p + ": " + e.getMessage(), e);
            }
        }
        args.addAll(List.of("--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"));
        Path jdk = realPath(javaHome);
        if (!jdk.startsWith("/usr")) {
            args.addAll(List.of("--ro-bind", jdk.toString(), jdk.toString()));
        }
        for (Path target : linkTargetsOutside(jdk)) {
            args.addAll(List.of("--ro-bind-try", target.toString(), target.toString()));
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        return args;
    }

    /** Where the links inside {@code dir} point, when outside it and outside {@code /usr}. */
    private static Set<Path> linkTargetsOutside(Path dir) {
        Set<Path> targets = new LinkedHashSet<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isSymbolicLink).forEach(link -> {
                try {
                    Path target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
                    if (!target.startsWith(dir) && !target.startsWith("/usr")) {
                        targets.add(target);
                    }
                } catch (IOException ignored) {
                    // an unreadable link is one the JVM cannot follow either
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot list the JDK at " + dir + ": " + e.getMessage(), e);
        }
        return targets;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
