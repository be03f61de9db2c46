package io.github.kvkit.validator.batch;

import java.io.IOException;
import java.nio.file.Path;

/** Writes what an output folder holds of a gradebook: {@code gradebook.json}, {@code grades.csv} and {@code scores.svg}. */
public final class GradebookFiles {

    private GradebookFiles() {
    }

    /** Writes the three files of {@code book} into {@code output}, each atomically; {@code gradebook.json} last. */
    public static void write(Gradebook book, Path output) throws IOException {
        AtomicFiles.write(output.resolve(GradesCsv.FILE), GradesCsv.format(book));
        AtomicFiles.write(output.resolve(ScoresSvg.FILE), ScoresSvg.format(ScoreDistribution.of(book)));
        // last: a run stopped before it starts again from the earlier gradebook, and grades what changed again
        GradebookJson.write(book, output);
    }
}
