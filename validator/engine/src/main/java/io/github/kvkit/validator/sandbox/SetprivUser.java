package io.github.kvkit.validator.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fallback where bubblewrap cannot run but the validator runs as root (a grader's container that refuses
 * namespaces): each child runs as a throwaway unprivileged user, started with {@code setpriv}: a user and group id
 * of its own, picked at random in the range systemd keeps for dynamic users (61184 to 65519), no supplementary
 * groups, no capabilities, no new privileges, killed when the validator dies. It reads its class path and ND4J's
 * natives from {@link StagedFiles copies} others may read, its private directory through its group, and writes
 * only its work folder. When the child is gone, every process of its user is killed, so nothing it started
 * outlives it. It still sees the machine's network and the list of processes: {@code docs/isolation.md}.
 *
 * <p>Whatever others may read, it may read: the grader keeps the kit's files, its hidden cases and its reports
 * unreadable to others. {@link Sandboxes} checks that before choosing it.
 */
public final class SetprivUser implements Sandbox {

    /** The ids a child's user is picked from: systemd's dynamic users, which own no file. */
    static final int FIRST_ID = 61184;
    static final int LAST_ID = 65519;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path setpriv;
    private final StagedFiles staged;

    SetprivUser(Path setpriv, StagedFiles staged) {
        this.setpriv = setpriv;
        this.staged = staged;
    }

    @Override
    public String mechanism() {
        return "setpriv";
    }

    @Override
    public Path readable(Path file) {
        return staged.copyOf(file);
    }

    @Override
    public Confined confine(ChildSpec spec) {
        int id = unusedId();
        try {
            // the private directory: its group may enter and read; the work folder is the child's own
            Files.setAttribute(spec.root(), "unix:gid", id);
            Files.setPosixFilePermissions(spec.root(), PosixFilePermissions.fromString("rwxr-x---"));
            Files.setAttribute(spec.socket(), "unix:gid", id);
            Files.setPosixFilePermissions(spec.socket(), PosixFilePermissions.fromString("rw-rw----"));
            try (Stream<Path> walk = Files.walk(spec.work())) {
                for (Path p : walk.toList()) {
                    Files.setAttribute(p, "unix:uid", id);
                    Files.setAttribute(p, "unix:gid", id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand the child's work folder to its user " + id + ": "
                    + e.getMessage(), e);
        }
        List<String> cmd = new ArrayList<>(command(id));
        cmd.addAll(spec.command());
        return new Confined() {
            @Override
            public ProcessBuilder processBuilder() {
                return Processes.builder(cmd, spec);
            }

            @Override
            public void release() {
                killAllOf(id);
            }
        };
    }

    /** {@code setpriv} with its options, up to the {@code --} before the child's command. */
    List<String> command(int id) {
        return List.of(setpriv.toString(), "--reuid=" + id, "--regid=" + id, "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs", "--pdeathsig=KILL", "--");
    }

    /** An id in the range that no process uses now. */
    static int unusedId() {
        while (true) {
            int id = FIRST_ID + RANDOM.nextInt(LAST_ID - FIRST_ID + 1);
            if (ProcessesOfUser.of(id).isEmpty()) {
                return id;
            }
        }
    }

    /** Kills every process of user {@code id}, again until none is left (a process may fork while it is killed). */
    static void killAllOf(int id) {
        for (int round = 0; round < 100; round++) {
            List<Long> pids = ProcessesOfUser.of(id);
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
