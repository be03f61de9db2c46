package io.github.kvkit.validator.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A child JVM's temporary directory: {@code classes/} holds the candidate's class files (last on the child's
 * class path) and {@code work/} is the child's working directory. One directory serves every child of a
 * candidate; it is deleted when its runner closes, or when the validator exits ({@link ChildRegistry}).
 *
 * @param root the directory itself
 */
record WorkDir(Path root) {

    /** A fresh temporary directory, with {@code classes/} and {@code work/} empty. */
    static WorkDir create() throws IOException {
        WorkDir dir = new WorkDir(Files.createTempDirectory("kvkit-child-"));
        ChildRegistry.register(dir);
        Files.createDirectories(dir.classes());
        Files.createDirectories(dir.work());
        return dir;
    }

    Path classes() {
        return root.resolve("classes");
    }

    Path work() {
        return root.resolve("work");
    }

    /**
     * Writes each class (binary name to class-file bytes) where a class path entry {@link #classes()} finds it,
     * readable by all whatever the umask: a sandboxed child may run as another user, and {@link #root()} keeps
     * everyone else out.
     */
    void writeClasses(Map<String, byte[]> classes) throws IOException {
        boolean posix = Files.getFileStore(root).supportsFileAttributeView(PosixFileAttributeView.class);
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            Path file = classes().resolve(e.getKey().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
            if (posix) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                for (Path dir = file.getParent(); !dir.equals(root); dir = dir.getParent()) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    /** Deletes the directory and everything in it, once, as far as it can. */
    void delete() {
        if (!ChildRegistry.unregister(this)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }
}
