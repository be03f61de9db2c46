package io.github.kvkit.validator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;

/**
 * Sample candidates made from the correct loop implementation ({@code candidates/valid/LoopAttention.java})
 * by one edit each, so a reader sees the whole deviation here and no near-copy of the candidate drifts from
 * the original. Four families: candidates that each break one check, trivial candidates that validate their
 * input and compute nothing (they must earn almost no marks), correct candidates that are noisy around the
 * computation (prints, leaked threads: full marks all the same), and single mistakes outside the challenge's
 * catalog that the shipped cases must catch.
 */
public final class LoopEdits {

    private static final Path LOOP_ATTENTION = Path.of("validator/app/src/test/resources/candidates/valid/LoopAttention.java");

    /** Where the trivial candidates return, right after LoopAttention has validated every input. */
    private static final String AFTER_VALIDATION = "DataType type = query.dataType();";
    /** Where the keys and values of the returned cache are ready and nothing else is computed yet. */
    private static final String CACHE_READY = "double scale = 1.0 / Math.sqrt(width);";

    /** Uniform weights over exactly the keys each query may see. */
    private static final String UNIFORM = """
            double[] uniform = new double[batch * heads * tq * total];
            for (int r = 0; r < batch * heads * tq; r++) {
                int seen = useCausalMask ? Math.min(total, r % tq + total - tq + 1) : total;
                for (int j = 0; j < seen; j++) {
                    uniform[r * total + j] = 1.0 / seen;
                }
            }
            """;
    private static final String ZERO_OUTPUT = "Nd4j.zeros(type, batch, tq, model)";
    private static final String ZERO_CACHE = "new KVCache(Nd4j.zeros(type, batch, total, model), Nd4j.zeros(type, batch, total, model))";
    private static final String RIGHT_CACHE = "new KVCache(build(keys, type, batch, total, model), build(values, type, batch, total, model))";

    /** {@code before}, then an early return of the given parts. */
    private static String returnsEarly(String before, String output, String cache, String weights) {
        return before + "\nif (true) {\n    return new AttentionResult(" + output + ", " + cache + ", " + weights + ");\n}\n";
    }

    /** Candidate name -> pairs of {a text of LoopAttention to replace, its replacement}. */
    private static final Map<String, String[]> EDITS = Map.ofEntries(
            // ---- check breakers: each fails the check in its comment
            // shape: the output is always DOUBLE, whatever the query's type
            Map.entry("OutputAlwaysDouble", new String[] {
                    "INDArray output = build(out, type, batch, tq, model);",
                    "INDArray output = build(out, DataType.DOUBLE, batch, tq, model);"}),
            // finite: no max shift, so logits in the thousands overflow exp
            Map.entry("SoftmaxWithoutShift", new String[] {
                    "row[j] = Math.exp(row[j] - max);",
                    "row[j] = Math.exp(row[j]);"}),
            // softmax_sum: the weights are never divided by their row sum
            Map.entry("UnnormalizedWeights", new String[] {
                    "double p = row[j] / sum;",
                    "double p = row[j];"}),
            // causal_mask: every query sees every key
            Map.entry("NoCausalMask", new String[] {
                    "int visible = useCausalMask ? Math.min(total, i + shift + 1) : total;",
                    "int visible = total;"}),
            // cache_equivalence: cached keys are projected a second time
            Map.entry("ReprojectsCache", new String[] {
                    "keys[dst] = oldKeys[(n * cached + t) * model + f];",
                    "keys[dst] = project(oldKeys, batch * cached, 1)[(n * cached + t) * model + f];"}),
            // reference: scores divided by sqrt(dModel) instead of sqrt(head dim)
            Map.entry("ScalesByModelWidth", new String[] {
                    "double scale = 1.0 / Math.sqrt(width);",
                    "double scale = 1.0 / Math.sqrt(model);"}),
            // inputs_unchanged: zeroes the caller's value array after using it
            Map.entry("ClearsValueInput", new String[] {
                    "        return new AttentionResult(output, grown,",
                    "        value.assign(0);\n        return new AttentionResult(output, grown,"}),
            // rejects_bad_input: no capacity check
            Map.entry("NoValidation", new String[] {
                    "if (total > capacity) {",
                    "if (false) {"}),

            // ---- trivial candidates: validate every input as the spec says, then compute nothing
            // zeros of the right shapes and type
            Map.entry("ReturnsZeros", new String[] {AFTER_VALIDATION, returnsEarly(AFTER_VALIDATION,
                    ZERO_OUTPUT, ZERO_CACHE, "Nd4j.zeros(type, batch, heads, tq, total)")}),
            // uniform weights over exactly the visible keys, a zero output and a zero cache
            Map.entry("UniformWeightsZeroCache", new String[] {AFTER_VALIDATION, returnsEarly(AFTER_VALIDATION + UNIFORM,
                    ZERO_OUTPUT, ZERO_CACHE, "build(uniform, type, batch, heads, tq, total)")}),
            // the right cache, but uniform weights and a zero output
            Map.entry("RightCacheUniformWeights", new String[] {CACHE_READY, returnsEarly(UNIFORM,
                    ZERO_OUTPUT, RIGHT_CACHE, "build(uniform, type, batch, heads, tq, total)") + CACHE_READY}),
            // NaN output and weights, the right cache
            Map.entry("NaNOutputRightCache", new String[] {CACHE_READY, returnsEarly("",
                    ZERO_OUTPUT + ".addi(Double.NaN)", RIGHT_CACHE,
                    "Nd4j.zeros(type, batch, heads, tq, total).addi(Double.NaN)") + CACHE_READY}),

            // ---- correct, but noisy around the computation
            // about 8 KiB of debug prints on every forward call (8 MiB over the 1000-step decode)
            Map.entry("PrintsEveryCall", new String[] {AFTER_VALIDATION, AFTER_VALIDATION
                    + "\nSystem.out.println(\"debug: \" + \"x\".repeat(8192));"}),
            // a busy non-daemon thread started by every construction, never stopped
            Map.entry("LeaksBusyThread", new String[] {"capacity = maxCacheLen;", "capacity = maxCacheLen;\n"
                    + "        Thread spinner = new Thread(() -> { while (true) { Math.sqrt(Math.random()); } }, \"spinner\");\n"
                    + "        spinner.setDaemon(false);\n"
                    + "        spinner.start();"}),

            // ---- single mistakes outside the catalog
            // float32 arithmetic in a float64 case: results built in FLOAT, ND4J's default type, then cast back
            Map.entry("BuildsInFloat", new String[] {
                    "return Nd4j.create(data, shape, DataType.DOUBLE).castTo(type);",
                    "return Nd4j.create(data, shape, DataType.DOUBLE).castTo(DataType.FLOAT).castTo(type);"}),
            // a finite mask value: masked scores are set to -1e4 instead of being left out
            Map.entry("MasksWithMinus1e4", new String[] {
                    "int visible = useCausalMask ? Math.min(total, i + shift + 1) : total;",
                    "int seen = useCausalMask ? Math.min(total, i + shift + 1) : total;\n"
                            + "                    int visible = total;",
                    "row[j] = dot * scale;",
                    "row[j] = j < seen ? dot * scale : -1e4;"}),
            // a cache of length 0 refused, though the spec says it means "no cache"
            Map.entry("RefusesEmptyCache", new String[] {
                    "cached = (int) cache.key().size(1);",
                    "cached = (int) cache.key().size(1);\n            if (cached == 0) {\n"
                            + "                throw new IllegalArgumentException(\"cache is empty, expected at least one position\");\n"
                            + "            }"}),
            // more queries than keys refused even without the causal mask
            Map.entry("RefusesWideQueryUnmasked", new String[] {
                    "if (useCausalMask && tq > total) {",
                    "if (tq > total) {"}),
            // self-attention shortcut: keys and values projected from the query whenever the lengths match
            Map.entry("KeysFromQueryWhenLengthsMatch", new String[] {
                    "double[] keysNew = project(flat(key), batch * tk, 1);\n        double[] valuesNew = project(flat(value), batch * tk, 2);",
                    "double[] keysNew = project(flat(tq == tk ? query : key), batch * tk, 1);\n"
                            + "        double[] valuesNew = project(flat(tq == tk ? query : value), batch * tk, 2);"}),
            // the weights returned are one buffer that the next call of the same shape overwrites
            Map.entry("ReusesWeightsBuffer", new String[] {
                    "return new AttentionResult(output, grown, build(probs, type, batch, heads, tq, total));",
                    "INDArray fresh = build(probs, type, batch, heads, tq, total);\n"
                            + "        if (buffer == null || !Arrays.equals(buffer.shape(), fresh.shape())) {\n"
                            + "            buffer = fresh;\n"
                            + "        }\n"
                            + "        return new AttentionResult(output, grown, buffer.assign(fresh));",
                    "private double[][] b = new double[4][];",
                    "private INDArray buffer;\n    private double[][] b = new double[4][];"}));

    /** The trivial candidates: they validate their input and compute nothing. */
    public static final List<String> TRIVIAL = List.of("ReturnsZeros", "UniformWeightsZeroCache",
            "RightCacheUniformWeights", "NaNOutputRightCache");

    private LoopEdits() {
    }

    /** Writes the candidate {@code name} as {@code dir/name.java} and returns its path. */
    public static Path write(String name, Path dir) throws IOException {
        return Files.writeString(dir.resolve(name + ".java"), source(name));
    }

    /** The source of the candidate {@code name}: a public class of that name. */
    public static String source(String name) throws IOException {
        String[] edits = EDITS.get(name);
        if (edits == null) {
            throw new IllegalArgumentException("no edit " + name + " of LoopAttention; expected one of " + EDITS.keySet());
        }
        String source = Files.readString(LOOP_ATTENTION, StandardCharsets.UTF_8)
                .replace("class LoopAttention", "class " + name)
                .replace("public LoopAttention(", "public " + name + "(");
        for (int k = 0; k < edits.length; k += 2) {
            if (!source.contains(edits[k])) {
                throw new IllegalStateException(LOOP_ATTENTION + " no longer contains: " + edits[k]);
            }
            source = source.replace(edits[k], edits[k + 1]);
        }
        return source;
    }
}
