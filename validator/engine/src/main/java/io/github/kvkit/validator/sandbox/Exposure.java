package io.github.kvkit.validator.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * What a user who owns nothing (the {@link SetprivUser}'s throwaway user) can do with a path, from its POSIX
 * permissions: only the "others" bits apply to it. Access control lists are not read.
 */
final class Exposure {

    private Exposure() {
    }

    /**
     * Why another user could read {@code path}, or nothing when it cannot: it can when every directory above it
     * lets others through ({@code o+x}) and the path lets others read it or, for a directory, through it.
     */
    static Optional<String> readable(Path path) {
        Path p;
        try {
            p = path.toRealPath();
        } catch (IOException e) {
            return Optional.empty();        // not there: nothing to read
        }
        try {
            for (Path dir = p.getParent(); dir != null; dir = dir.getParent()) {
                if (!others(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return Optional.empty();
                }
            }
            Set<PosixFilePermission> own = others(p);
            boolean exposed = Files.isDirectory(p)
                    ? own.contains(PosixFilePermission.OTHERS_EXECUTE) || own.contains(PosixFilePermission.OTHERS_READ)
                    : own.contains(PosixFilePermission.OTHERS_READ);
            return exposed ? Optional.of(p + " can be read by other users") : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot read the permissions of " + p + ": " + e.getMessage());
        }
    }

    /**
     * Why another user could write {@code path} (a report the validator will write), or nothing: it can when the
     * file is writable by others, or when it does not exist yet and its directory is (without the sticky bit that
     * keeps others from replacing a file they do not own).
     */
    static Optional<String> writable(Path path) {
        Path p = path.toAbsolutePath().normalize();
        try {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return others(p).contains(PosixFilePermission.OTHERS_WRITE)
                        ? Optional.of(p + " can be written by other users") : Optional.empty();
            }
            Path dir = p.getParent();
            while (dir != null && !Files.exists(dir)) {
                dir = dir.getParent();
            }
            if (dir == null) {
                return Optional.empty();
            }
            Set<PosixFilePermission> perms = others(dir);
            boolean sticky = Boolean.TRUE.equals(stickyBit(dir));
            return perms.contains(PosixFilePermission.OTHERS_WRITE) && !sticky
                    ? Optional.of(dir + " can be written by other users, who could put a file at " + p)
                    : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot read the permissions of " + p + ": " + e.getMessage());
        }
    }

    private static Set<PosixFilePermission> others(Path p) throws IOException {
        return Files.getPosixFilePermissions(p);
    }

    private static Boolean stickyBit(Path dir) throws IOException {
        Object mode = Files.getAttribute(dir, "unix:mode");
        return mode instanceof Integer m && (m & 01000) != 0;
    }
}
