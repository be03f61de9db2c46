package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.batch.BatchException;
import io.github.kvkit.validator.batch.BatchSummary;
import io.github.kvkit.validator.batch.Grade;
import io.github.kvkit.validator.batch.Gradebook;
import io.github.kvkit.validator.batch.GradebookFiles;
import io.github.kvkit.validator.batch.GradebookJson;
import io.github.kvkit.validator.batch.GradesCsv;
import io.github.kvkit.validator.batch.StudentReports;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code kvkit grade --merge OUT... -o OUT}: the shards' gradebooks as the class's, with every student's reports
 * copied next to it, as one run over the whole class would have written them.
 */
final class MergeRun {

    private static final String EXPECTED = "expected the -o folder of a kvkit grade run";

    private final List<Path> shards;
    private final Path output;
    private final PrintWriter out;
    private final PrintWriter err;

    MergeRun(List<Path> shards, Path output, PrintWriter out, PrintWriter err) {
        this.shards = List.copyOf(shards);
        this.output = output;
        this.out = out;
        this.err = err;
    }

    /** Merges the gradebooks and returns the {@link ExitCode}. */
    int run() {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            return usageError("-o " + output + ": a file, not a folder; expected a folder for the merged gradebook");
        }
        Map<String, Gradebook> books = new LinkedHashMap<>();
        for (Path shard : shards) {
            if (!Files.isDirectory(shard)) {
                return usageError("--merge " + shard + ": no such folder; " + EXPECTED);
            }
            if (books.containsKey(shard.toString())) {
                return usageError("--merge " + shard + ": given twice; expected each shard's folder once");
            }
            Optional<Gradebook> book;
            try {
                book = GradebookJson.read(shard);
            } catch (BatchException e) {
                return usageError("--merge " + e.getMessage() + "; " + EXPECTED);
            }
            if (book.isEmpty()) {
                return usageError("--merge " + shard + ": holds no " + GradebookJson.FILE + "; " + EXPECTED);
            }
            books.put(shard.toString(), book.get());
        }
        Gradebook merged;
        try {
            merged = Gradebook.merge(books);
        } catch (BatchException e) {
            return usageError(e.getMessage());
        }
        try {
            Files.createDirectories(output);
            StudentReports reports = new StudentReports(output);
            for (Path shard : shards) {
                StudentReports theirs = new StudentReports(shard);
                for (Grade g : books.get(shard.toString()).grades()) {
                    reports.copyFrom(theirs, g.student());
                }
            }
            GradebookFiles.write(merged, output);
        } catch (IOException | RuntimeException e) {
            return usageError("-o " + output + ": the merged gradebook cannot be written (" + e.getMessage() + ")");
        }
        out.println("Merged " + shards.size() + " gradebook" + (shards.size() == 1 ? "" : "s") + ": "
                + merged.grades().size() + " submission" + (merged.grades().size() == 1 ? "" : "s") + ".");
        BatchSummary.write(merged, Optional.empty(), out);
        out.println("Wrote " + output.resolve(GradesCsv.FILE) + ", " + output.resolve(GradebookJson.FILE)
                + " and the chart and reports next to them.");
        out.flush();
        return ExitCode.GRADED;
    }

    private int usageError(String message) {
        err.println("error: " + message);
        err.flush();
        return ExitCode.USAGE;
    }
}
