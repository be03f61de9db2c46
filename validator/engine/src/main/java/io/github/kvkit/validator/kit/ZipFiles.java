package io.github.kvkit.validator.kit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
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
