package io.github.kvkit.validator.kit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Every file under a folder, with every jar and zip among them unpacked, however deep: what a search for leaked
 * material must look at. A file inside an archive is named {@code archive!/entry}.
 */
final class Unpacked {

    /** One file: its name (with the archives it sits in) and its bytes. */
    record Item(String name, byte[] bytes) {
    }

    private Unpacked() {
    }

    /** The files under {@code root} whose path relative to it {@code include} accepts, archives unpacked. */
    static List<Item> files(Path root, Predicate<Path> include) throws IOException {
        List<Item> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(f -> include.test(root.relativize(f))).sorted()
                    .toList()) {
                add(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file), out);
            }
        }
        return out;
    }

    private static void add(String name, byte[] bytes, List<Item> out) throws IOException {
        out.add(new Item(name, bytes));
        if (name.endsWith(".jar") || name.endsWith(".zip")) {
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    String inner = name + "!/" + entry.getName();
                    if (entry.isDirectory()) {
                        out.add(new Item(inner, new byte[0]));
                    } else {
                        add(inner, zip.readAllBytes(), out);
                    }
                }
            }
        }
    }
}
