package io.github.kvkit.validator.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Chooses the sandbox a {@link SandboxMode} asks for, from what works on this machine; each mechanism is tried
 * once per JVM (a probe that runs {@code true} in it, a few milliseconds).
 */
public final class Sandboxes {

    /** How to get bubblewrap, for the messages that say it is missing. */
    static final String INSTALL = "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install"
            + " bubblewrap)";

    private static final Map<Path, String> BUBBLEWRAP_PROBES = new ConcurrentHashMap<>();
    private static final Map<List<Path>, StagedFiles> STAGED = new ConcurrentHashMap<>();

    private Sandboxes() {
    }

    /**
     * What to protect from a candidate under the {@link SetprivUser} fallback, which can read what any user may.
     *
     * @param secret  what it must not read: the hidden cases, the reference's classes
     * @param outputs what it must not write: the report files
     */
    public record Protected(List<Path> secret, List<Path> outputs) {
        public Protected {
            secret = List.copyOf(secret);
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * A sandbox chosen for a mode.
     *
     * @param mode    what was asked for
     * @param sandbox the mechanism
     * @param warning what to tell the user once, in one line, or empty
     */
    public record Choice(SandboxMode mode, Sandbox sandbox, String warning) {
    }

    /** The plain child JVM, as {@code --sandbox off} asks: for tests and for machines that need nothing more. */
    public static Choice off() {
        return new Choice(SandboxMode.OFF, new Unconfined(), "");
    }

    /**
     * The sandbox {@code mode} asks for.
     *
     * @param childFiles what the child reads besides the system and the JDK (its class path, ND4J's natives):
     *                   asked for only when the setpriv fallback is chosen, to stage them
     * @throws SandboxUnavailable when the mode needs a sandbox and none works here
     */
    public static Choice choose(SandboxMode mode, Supplier<List<Path>> childFiles, Protected guarded)
            throws SandboxUnavailable {
        if (mode == SandboxMode.OFF) {
            return off();
        }
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        String bwrapProblem = "was not tried";
        if (mode != SandboxMode.SETPRIV) {
            Path bwrap = linux ? Processes.onPath("bwrap") : null;
            bwrapProblem = !linux ? "runs on Linux only"
                    : bwrap == null ? "is not installed (no bwrap on the PATH)" : probe(bwrap);
            if (bwrapProblem == null) {
                return new Choice(mode, new Bubblewrap(bwrap, javaHome()), "");
            }
            if (mode == SandboxMode.AUTO) {
                return new Choice(mode, new Unconfined(), !linux ? "" : "warning: candidates run without a sandbox:"
                        + " bubblewrap " + bwrapProblem + "; " + INSTALL + " so that their code cannot reach your"
                        + " files, environment or network (docs/isolation.md)");
            }
            if (mode == SandboxMode.BUBBLEWRAP) {
                throw new SandboxUnavailable("--sandbox bubblewrap: bubblewrap " + bwrapProblem + "; " + INSTALL);
            }
        }
        String setprivProblem = linux ? setprivProblem(guarded) : "runs on Linux only";
        if (setprivProblem == null) {
            return new Choice(mode, new SetprivUser(Processes.onPath("setpriv"), staged(childFiles.get())), "");
        }
        throw new SandboxUnavailable(mode == SandboxMode.SETPRIV
                ? "--sandbox setpriv: " + setprivProblem
                : "--sandbox on: no sandbox works here: bubblewrap " + bwrapProblem + ", and the unprivileged-user"
                        + " fallback cannot be used: " + setprivProblem + "; " + INSTALL + " where user namespaces"
                        + " are allowed, or see docs/isolation.md");
    }

    /** Why bubblewrap cannot run a program here, or null when it can. */
    private static String probe(Path bwrap) {
        return BUBBLEWRAP_PROBES.computeIfAbsent(bwrap, b -> {
            Path program = Files.isExecutable(Path.of("/usr/bin/true")) ? Path.of("/usr/bin/true") : Path.of("/bin/true");
            String failure = Processes.failureOf(new Bubblewrap(b, javaHome()).probe(program));
            return failure == null ? "" : "does not work here (" + failure + ")";
        }).transform(problem -> problem.isEmpty() ? null : problem);
    }

    /** Why the setpriv fallback cannot be used, or null when it can. */
    private static String setprivProblem(Protected guarded) {
        if (!isRoot()) {
            return "it needs the validator to run as root";
        }
        Path setpriv = Processes.onPath("setpriv");
        if (setpriv == null) {
            return "setpriv is not installed (util-linux)";
        }
        if (Exposure.readable(javaHome().resolve("bin").resolve("java")).isEmpty()) {
            return "the JDK at " + javaHome() + " cannot be read by other users";
        }
        List<String> exposed = new ArrayList<>();
        guarded.secret().forEach(p -> Exposure.readable(p).ifPresent(exposed::add));
        guarded.outputs().forEach(p -> Exposure.writable(p).ifPresent(exposed::add));
        if (!exposed.isEmpty()) {
            return "its user could reach what it must not: " + String.join("; ", exposed) + " (make the kit's folder"
                    + " and the report folder unreadable to others, e.g. chmod -R o-rwx)";
        }
        int id = SetprivUser.unusedId();
        String failure = Processes.failureOf(concat(new SetprivUser(setpriv, null).command(id),
                Files.isExecutable(Path.of("/usr/bin/true")) ? "/usr/bin/true" : "/bin/true"));
        return failure == null ? null : "setpriv does not work here (" + failure + ")";
    }

    private static StagedFiles staged(List<Path> childFiles) {
        return STAGED.computeIfAbsent(List.copyOf(childFiles),
                files -> StagedFiles.of(files, Path.of(System.getProperty("java.io.tmpdir"))));
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (Exception e) {
            return false;
        }
    }

    static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    private static List<String> concat(List<String> head, String last) {
        List<String> all = new ArrayList<>(head);
        all.add(last);
        return all;
    }
}
