package io.github.kvkit.validator.kit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A kit's jars are the same bytes for the same classes: the kit's version is their hash. */
class ZipFilesTest {

    @TempDir
    Path classes;

    private void write(String name, String content) throws IOException {
        Path file = classes.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static List<String> names(byte[] jar) throws IOException {
        List<String> out = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                out.add(e.getName());
            }
        }
        return out;
    }

    @Test
    void theSameClassesMakeTheSameJarWhateverTheirFileTimes() throws IOException {
        write("a/B.class", "b");
        write("a/A.class", "a");
        byte[] first = ZipFiles.jar(classes, name -> false);
        Files.setLastModifiedTime(classes.resolve("a/A.class"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));

        assertThat(ZipFiles.jar(classes, name -> false)).isEqualTo(first);
        assertThat(names(first)).containsExactly("META-INF/", "META-INF/MANIFEST.MF", "a/", "a/A.class", "a/B.class");
    }

    @Test
    void whatIsLeftOutIsNotInTheJar() throws IOException {
        write("ref/Secret.class", "s");
        write("track/Check.class", "c");

        assertThat(names(ZipFiles.jar(classes, name -> name.startsWith("ref/"))))
                .contains("track/Check.class").noneMatch(n -> n.startsWith("ref/"));
    }
}
