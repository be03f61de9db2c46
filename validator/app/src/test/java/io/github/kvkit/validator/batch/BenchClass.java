package io.github.kvkit.validator.batch;

import io.github.kvkit.validator.LoopEdits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the class {@code validator/bench/grade-class.sh} grades: 20 submissions, a folder each, from the kit and the
 * test tree: the challenge, the reference, the three correct samples, and fifteen edits of the correct loop sample
 * ({@link LoopEdits}: the eight check breakers, the four trivial candidates, three mistakes outside the catalog).
 * Not a test: run with {@code java -cp ... io.github.kvkit.validator.batch.BenchClass FOLDER} from the kit's root.
 */
public final class BenchClass {

    private static final Path CANDIDATES = Path.of("validator/app/src/test/resources/candidates");

    /** The edits of LoopAttention in the class. */
    static final List<String> EDITS = List.of("OutputAlwaysDouble", "SoftmaxWithoutShift", "UnnormalizedWeights",
            "NoCausalMask", "ReprojectsCache", "ScalesByModelWidth", "ClearsValueInput", "NoValidation",
            "ReturnsZeros", "UniformWeightsZeroCache", "RightCacheUniformWeights", "NaNOutputRightCache",
            "BuildsInFloat", "MasksWithMinus1e4", "KeysFromQueryWhenLengthsMatch");

    private BenchClass() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BenchClass FOLDER   (a new folder for the 20 submissions)");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        copy(Path.of("challenge/kv-attention/KVCachedMultiHeadAttention.java"), folder.resolve("challenge"));
        copy(Path.of("solution/kv-attention/KVCachedMultiHeadAttention.java"), folder.resolve("reference"));
        for (String valid : List.of("LoopAttention", "PackagedAttention", "PerHeadAttention")) {
            copy(CANDIDATES.resolve("valid").resolve(valid + ".java"), folder.resolve(valid));
        }
        for (String edit : EDITS) {
            LoopEdits.write(edit, Files.createDirectories(folder.resolve(edit)));
        }
        System.out.println("wrote " + (5 + EDITS.size()) + " submissions to " + folder);
    }

    private static void copy(Path file, Path studentFolder) throws IOException {
        Files.createDirectories(studentFolder);
        Files.copy(file, studentFolder.resolve(file.getFileName()));
    }
}
