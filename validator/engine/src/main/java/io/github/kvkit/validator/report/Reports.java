package io.github.kvkit.validator.report;

import io.github.kvkit.validator.result.ValidationReport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;

/** Looks report formats up by name and writes reports to files so that no reader ever sees half a report. */
public final class Reports {

    /** The names {@link #format(String)} accepts, in the order to list them in help text. */
    public static final List<String> FORMAT_NAMES = List.of("json", "junit", "gradescope", "classroom");

    private Reports() {
    }

    /**
     * The format called {@code name} (case-insensitive): {@code json} ({@link JsonReport}), {@code junit}
     * ({@link JUnitXmlReport}), {@code gradescope} ({@link GradescopeReport}) or {@code classroom}
     * ({@link ClassroomReport}).
     *
     * @throws IllegalArgumentException for any other name; the message lists the valid ones
     */
    public static ReportFormat format(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> new JsonReport();
            case "junit" -> new JUnitXmlReport();
            case "gradescope" -> new GradescopeReport();
            case "classroom" -> new ClassroomReport();
            default -> throw new IllegalArgumentException(
                    "unknown report format '" + name + "'; expected one of " + String.join(", ", FORMAT_NAMES));
        };
    }

    /** The report in {@code format}, as a string. */
    public static String render(ReportFormat format, ValidationReport report) {
        StringWriter out = new StringWriter();
        try {
            format.write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * Writes the report to {@code file} in UTF-8, atomically: creates missing parent directories, writes a temporary
     * file in the same directory, then moves it over {@code file}. A reader sees either the old file or the whole
     * new one, and a failed write leaves no temporary file behind. The file is made readable by everyone
     * ({@code rw-r--r--}) where the file system has POSIX permissions, since graders often run as another user.
     *
     * @throws IOException when the directory cannot be created or the file cannot be written or moved
     */
    public static void writeFile(ReportFormat format, ValidationReport report, Path file) throws IOException {
        writeAtomically(file, out -> format.write(report, out));
    }

    /** What {@link #writeAtomically} writes: the file's whole text, to a writer it must not close. */
    @FunctionalInterface
    interface Body {
        void write(Writer out) throws IOException;
    }

    /** {@link #writeFile}'s way of writing, for any text: the HTML page of diagnose uses it too. */
    static void writeAtomically(Path file, Body body) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(out);
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // keep the file system's default permissions
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
