package io.github.kvkit.validator.kit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Jars and zips of a folder, byte for byte the same for the same files: entries in name order, one fixed time
 * and no time zone in it. The kit's version is a hash of its jars, so a jar must not change when nothing in it did.
 */
final class ZipFiles {

    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final String MANIFEST = "Manifest-Version: 1.0\r\nCreated-By: kvkit kit\r\n\r\n";

    private ZipFiles() {
    }

    /** A jar of the files under {@code classes} (a module's {@code target/classes}) but those {@code leaveOut} names. */
    static byte[] jar(Path classes, Predicate<String> leaveOut) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "META-INF/", null);
            put(zip, "META-INF/MANIFEST.MF", MANIFEST.getBytes(StandardCharsets.US_ASCII));
            for (Path p : entries(classes)) {
                String name = name(classes, p);
                if (name.equals("META-INF/") || name.equals("META-INF/MANIFEST.MF") || leaveOut.test(name)) {
                    continue;
                }
                put(zip, name, Files.isDirectory(p) ? null : Files.readAllBytes(p));
            }
        }
        return bytes.toByteArray();
    }

    /** Writes a zip of {@code folder} to {@code out}, every entry under {@code top/}. */
    static void zip(Path folder, String top, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, top + "/", null);
            for (Path p : entries(folder)) {
                put(zip, top + "/" + name(folder, p), Files.isDirectory(p) ? null : Files.readAllBytes(p));
            }
        }
    }

    /**
     * Writes a new zip {@code zipFile} of {@code folder} with every entry at its root, and Unix permissions on each:
     * {@code rwxr-xr-x} for the files named in {@code executables} and for folders, {@code rw-r--r--} for the others,
     * whatever the file system that holds {@code folder} says. Gradescope runs an autograder's scripts as unzipped.
     */
    static void zipAtRoot(Path folder, Path zipFile, Set<String> executables) throws IOException {
        // The JDK's zip file system is what writes Unix permissions into a zip; ZipOutputStream cannot.
        Map<String, Object> env = Map.of("create", "true", "enablePosixFileAttributes", "true");
        try (FileSystem zip = FileSystems.newFileSystem(zipFile, env)) {
            for (Path p : entries(folder)) {
                String name = name(folder, p);
                Path entry = zip.getPath(name);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(entry);
                } else {
                    Files.copy(p, entry);
                }
                boolean executable = Files.isDirectory(p) || executables.contains(name);
                Files.setPosixFilePermissions(entry, executable ? EXECUTABLE : READABLE);
                Files.setLastModifiedTime(entry, FileTime.from(FIXED_TIME.toInstant(ZoneOffset.UTC)));
            }
        }
    }

    /** Every file and folder under {@code root}, not root itself, in name order. */
    private static List<Path> entries(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> out = new ArrayList<>(walk.filter(p -> !p.equals(root)).toList());
            out.sort((a, b) -> name(root, a).compareTo(name(root, b)));
            return out;
        }
    }

    /** A zip entry's name: forward slashes, and a trailing one for a folder. */
    private static String name(Path root, Path p) {
        String name = root.relativize(p).toString().replace('\\', '/');
        return Files.isDirectory(p) ? name + "/" : name;
    }

    /** A folder when {@code content} is null. */
    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(FIXED_TIME);
        zip.putNextEntry(entry);
        if (content != null) {
            zip.write(content);
        }
        zip.closeEntry();
    }
}
