package io.github.kvkit.validator.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Copies of the files a child reads, where a throwaway user can read them: the validator's user's Maven repository
 * and JavaCPP cache are usually in a home folder others cannot enter ({@code /root} is {@code 0700}). The copies
 * live in one directory of the temporary folder owned by the validator's user, readable and not writable by
 * others, named after a digest of what it holds (paths, sizes, modification times), so later runs reuse it. A file
 * others may read already is hard-linked rather than copied where the file system allows.
 */
final class StagedFiles {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final Map<Path, Path> copies;

    private StagedFiles(Map<Path, Path> copies) {
        this.copies = Map.copyOf(copies);
    }

    /** The copies of {@code files} (files or directories), made now unless an earlier run made them. */
    static StagedFiles of(List<Path> files, Path temporaryFolder) {
        List<Path> sources = files.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        try {
            Path dir = temporaryFolder.resolve("kvkit-sandbox-files-" + digest(sources));
            if (!usable(dir)) {
                dir = stage(sources, temporaryFolder, dir);
            }
            Map<Path, Path> copies = new LinkedHashMap<>();
            for (int i = 0; i < sources.size(); i++) {
                copies.put(sources.get(i), dir.resolve(String.valueOf(i)).resolve(sources.get(i).getFileName()));
            }
            return new StagedFiles(copies);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the child's libraries where its user can read them: "
                    + e.getMessage(), e);
        }
    }

    /** The copy of {@code file}, or {@code file} itself when it was not staged. */
    Path copyOf(Path file) {
        return copies.getOrDefault(file.toAbsolutePath().normalize(), file);
    }

    /** Complete, ours, and not writable by anyone else: another user could have made a directory of that name. */
    private static boolean usable(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(".complete"))) {
            return false;
        }
        Object owner = Files.getAttribute(dir, "unix:uid");
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        return owner.equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))
                && !perms.contains(PosixFilePermission.GROUP_WRITE) && !perms.contains(PosixFilePermission.OTHERS_WRITE);
    }

    /** Stages into a fresh directory, then renames it to {@code dir} at once, or to a name of its own if taken. */
    private static Path stage(List<Path> sources, Path temporaryFolder, Path dir) throws IOException {
        Path fresh = temporaryFolder.resolve(dir.getFileName() + "-" + UUID.randomUUID());
        Files.createDirectory(fresh);
        Files.setPosixFilePermissions(fresh, DIRECTORY);
        for (int i = 0; i < sources.size(); i++) {
            Path into = fresh.resolve(String.valueOf(i));
            Files.createDirectory(into);
            Files.setPosixFilePermissions(into, DIRECTORY);
            copyTree(sources.get(i), into.resolve(sources.get(i).getFileName()));
        }
        Files.writeString(fresh.resolve(".complete"), "", StandardCharsets.UTF_8);
        try {
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            return fresh;       // another validator staged the same files meanwhile, or a stranger took the name
        } catch (IOException e) {
            if (Files.isDirectory(dir)) {
                return fresh;
            }
            throw e;
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            copyFile(source, target);
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(source)) {
            all = walk.toList();
        }
        for (Path p : all) {
            Path t = target.resolve(source.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(t);
                Files.setPosixFilePermissions(t, DIRECTORY);
            } else if (Files.isRegularFile(p)) {
                copyFile(p, t);
            }
        }
    }

    /** A hard link when others may read the file already (a link shares its permissions), else a copy. */
    private static void copyFile(Path source, Path target) throws IOException {
        if (Files.getPosixFilePermissions(source).contains(PosixFilePermission.OTHERS_READ)) {
            try {
                Files.createLink(target, source);
                return;
            } catch (IOException | UnsupportedOperationException e) {
                // another file system: copy
            }
        }
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        Files.setPosixFilePermissions(target, FILE);
    }

    private static String digest(List<Path> sources) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path p : sources) {
                List<Path> files = new ArrayList<>();
                if (Files.isDirectory(p)) {
                    try (Stream<Path> walk = Files.walk(p)) {
                        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                    }
                } else {
                    files.add(p);
                }
                for (Path f : files) {
                    sha.update((f + "\0" + Files.size(f) + "\0" + Files.getLastModifiedTime(f).toMillis() + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
