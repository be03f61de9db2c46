package io.github.kvkit.validator.batch;

import io.github.kvkit.validator.report.Reports;
import io.github.kvkit.validator.result.ValidationReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Each student's reports in every format, under {@code OUT/reports/STUDENT/}: {@code report.json} (kvkit's JSON),
 * {@code junit.xml} and {@code results.json} (Gradescope's), as {@code kvkit validate} writes them.
 */
public final class StudentReports {

    /** The folder of the reports in an output folder. */
    public static final String FOLDER = "reports";

    /** Each format by the name of its file. */
    private static final List<String[]> FILES = List.of(new String[] {"json", "report.json"},
            new String[] {"junit", "junit.xml"}, new String[] {"gradescope", "results.json"});

    private final Path root;

    /** The reports under {@code output/reports}. */
    public StudentReports(Path output) {
        this.root = output.resolve(FOLDER);
    }

    /** The student's folder. */
    public Path folder(String student) {
        if (!StudentNames.valid(student)) {
            throw new IllegalArgumentException("not a student's name: " + student);
        }
        return root.resolve(student);
    }

    /** Writes every format of {@code report}, each atomically. */
    public void write(String student, ValidationReport report) throws IOException {
        for (String[] f : FILES) {
            Reports.writeFile(Reports.format(f[0]), report, folder(student).resolve(f[1]));
        }
    }

    /** Whether every format of the student's report is there. */
    public boolean complete(String student) {
        return FILES.stream().allMatch(f -> Files.isRegularFile(folder(student).resolve(f[1])));
    }

    /** Deletes the student's reports (a student who left the class). */
    public void remove(String student) throws IOException {
        Path folder = folder(student);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Copies the student's reports from {@code other} (a shard's output) into these. */
    public void copyFrom(StudentReports other, String student) throws IOException {
        Path from = other.folder(student);
        if (Files.isSameFile(root.getParent(), other.root.getParent()) || !Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(folder(student));
        for (String[] f : FILES) {
            Path source = from.resolve(f[1]);
            if (Files.isRegularFile(source)) {
                Files.copy(source, folder(student).resolve(f[1]), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
