package io.github.kvkit.validator.batch;

import io.github.kvkit.validator.diagnose.BugCatalog;
import io.github.kvkit.validator.diagnose.DiagnoseAccuracy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes a class as students hand it in: each submission is the kv-attention challenge with some of its catalogued bugs
 * fixed, i.e. the reference with a seeded random subset of {@code docs/instructor/kv-attention/bugs.json} applied (0
 * to all 13 bugs left, uniformly), in the challenge's default package. {@code validator/bench/grade-class.sh
 * --partly-fixed} grades it; {@link BenchClass} writes the other class, of the test tree's samples. {@link Random} is
 * specified bit for bit, so a seed gives the same class on every machine.
 * Not a test: run with {@code java -cp ... io.github.kvkit.validator.batch.PartlyFixedClass FOLDER [STUDENTS [SEED]]}
 * from the kit's root.
 */
public final class PartlyFixedClass {

    private static final Path CATALOG = BugCatalog.defaultFile("kv-attention");

    private PartlyFixedClass() {
    }

    public static void main(String[] args) throws IOException, BugCatalog.BadCatalog {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: PartlyFixedClass FOLDER [STUDENTS [SEED]]   (a new folder; default 20 students, seed 1)");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        int students = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        BugCatalog catalog = BugCatalog.load(CATALOG);
        String reference = Files.readString(Path.of(catalog.solution()));
        Random rng = new Random(seed);
        for (int s = 1; s <= students; s++) {
            List<BugCatalog.Bug> left = DiagnoseAccuracy.draw(catalog.bugs(), rng.nextInt(catalog.bugs().size() + 1), rng);
            // a student's file has the challenge's default package
            String source = catalog.apply(reference, left).replaceFirst("(?m)^package [^;]+;", "// no package");
            Path dir = Files.createDirectories(folder.resolve(String.format("student%02d", s)));
            Files.writeString(dir.resolve("KVCachedMultiHeadAttention.java"), source);
            System.out.println(dir.getFileName() + ": " + left.size() + " bugs left "
                    + left.stream().map(BugCatalog.Bug::id).toList());
        }
    }
}
