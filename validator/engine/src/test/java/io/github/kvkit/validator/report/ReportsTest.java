package io.github.kvkit.validator.report;

import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportsTest {

    @TempDir
    Path dir;

    private long filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void formatsAreFoundByNameIgnoringCase() {
        assertInstanceOf(JsonReport.class, Reports.format("json"));
        assertInstanceOf(JUnitXmlReport.class, Reports.format("JUnit"));
        assertInstanceOf(GradescopeReport.class, Reports.format("gradescope"));
        assertInstanceOf(ClassroomReport.class, Reports.format("Classroom"));
    }

    @Test
    void unknownFormatNameIsRejectedWithTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Reports.format("yaml"));

        assertTrue(e.getMessage().contains("json, junit, gradescope, classroom"), e.getMessage());
    }

    @Test
    void writeFileCreatesParentDirectoriesAndWritesUtf8() throws IOException {
        Path file = dir.resolve("a/b/report.json");
        ValidationReport r = SampleReports.specialCharacters();

        Reports.writeFile(new JsonReport(), r, file);

        assertEquals(Reports.render(new JsonReport(), r), Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void writeFileReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "old");

        Reports.writeFile(new GradescopeReport(), SampleReports.mixed(), file);

        assertTrue(Files.readString(file).startsWith("{"));
        assertEquals(1, filesIn(dir));
    }

    @Test
    void failedWriteLeavesTheOldFileWholeAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("report.xml");
        Files.writeString(file, "old");
        ReportFormat breaksHalfway = (r, out) -> {
            out.write("<half");
            throw new IOException("disk full");
        };

        assertThrows(IOException.class, () -> Reports.writeFile(breaksHalfway, SampleReports.mixed(), file));

        assertEquals("old", Files.readString(file));
        assertEquals(1, filesIn(dir));
    }
}
