package io.github.kvkit.tracks.llama;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * llama-block sample candidates made from the correct loop implementation
 * ({@code candidates/llama/valid/LoopLlamaBlock.java}) by one edit each, so a reader sees the whole deviation here:
 * candidates that each break one check, trivial candidates that validate their input and compute nothing (they must
 * earn almost no marks), and single mistakes outside the challenge's catalog that the shipped cases must catch.
 */
public final class LlamaLoopEdits {

    private static final Path LOOP = Path.of("validator/app/src/test/resources/candidates/llama/valid/LoopLlamaBlock.java");

    /** Where the trivial candidates return, right after every input has been validated. */
    private static final String AFTER_VALIDATION = "double[] in = flat(x);";
    private static final String RETURN = "return Nd4j.create(out, new long[] {batch, tokens, model}, DataType.DOUBLE).castTo(x.dataType());";

    /** Candidate name -> pairs of {a text of LoopLlamaBlock to replace, its replacement}. */
    private static final Map<String, String[]> EDITS = Map.ofEntries(
            // ---- check breakers: each fails the check in its comment
            // shape: the output is always DOUBLE, whatever x's type
            Map.entry("OutputAlwaysDouble", new String[] {RETURN,
                    "return Nd4j.create(out, new long[] {batch, tokens, model}, DataType.DOUBLE);"}),
            // finite: no max shift, so scores in the thousands overflow exp
            Map.entry("SoftmaxWithoutShift", new String[] {
                    "scores[j] = Math.exp(scores[j] - max);",
                    "scores[j] = Math.exp(scores[j]);"}),
            // causal_mask: every token sees all the tokens of its call
            Map.entry("SeesWholeCall", new String[] {
                    "int seen = pos + t + 1;",
                    "int seen = pos + keys.length;"}),
            // cache_equivalence: a token sees the cache and itself, but not the earlier tokens of its own call
            Map.entry("SkipsEarlierTokensOfItsCall", new String[] {
                    "scores[j] = dot / Math.sqrt(width);",
                    "scores[j] = j >= pos && j < pos + t ? Double.NEGATIVE_INFINITY : dot / Math.sqrt(width);"}),
            // cache_writes: right keys and values, and a zero scribbled on the last position when it is still free
            Map.entry("ScribblesOnLastPosition", new String[] {RETURN,
                    "if (pos + tokens < slots) {\n            cache.value().putScalar(new long[] {0, 0, slots - 1, 0}, 0.0);\n"
                            + "        }\n        " + RETURN}),
            // reference: scores divided by sqrt(dModel) instead of sqrt(head width)
            Map.entry("ScalesByModelWidth", new String[] {
                    "scores[j] = dot / Math.sqrt(width);",
                    "scores[j] = dot / Math.sqrt(model);"}),
            // inputs_unchanged: zeroes the caller's x after using it
            Map.entry("ClearsX", new String[] {RETURN, "x.assign(0);\n        " + RETURN}),
            // rejects_bad_input: no position check
            Map.entry("NoPositionCheck", new String[] {
                    "if (pos < 0 || pos + tokens > slots) {",
                    "if (false) {"}),

            // ---- trivial candidates: validate every input as the spec says, then compute nothing
            // x itself, unchanged, and nothing written
            Map.entry("ReturnsInput", new String[] {AFTER_VALIDATION, "if (true) {\n            return x.dup();\n        }\n        "
                    + AFTER_VALIDATION}),
            // zeros of the right shape and type, and nothing written
            Map.entry("ReturnsZeros", new String[] {AFTER_VALIDATION, "if (true) {\n            return Nd4j.zeros(x.dataType(), "
                    + "batch, tokens, model);\n        }\n        " + AFTER_VALIDATION}),

            // ---- attention computed, the cache ignored: each call attends over its own tokens only, writes nothing
            Map.entry("IgnoresCache", new String[] {
                    "attend(q, head, cache, b, pos, t, newKeys[b], newValues[b], context);",
                    "attend(q, head, cache, b, 0, t, newKeys[b], newValues[b], context);",
                    "for (int g = 0; g < kvHeads; g++) {",
                    "for (int g = 0; g < 0; g++) {"}),

            // ---- single mistakes outside the catalog
            // float32 arithmetic in a float64 case: the output built in FLOAT, then cast back
            Map.entry("BuildsInFloat", new String[] {RETURN,
                    "return Nd4j.create(out, new long[] {batch, tokens, model}, DataType.DOUBLE).castTo(DataType.FLOAT)"
                            + ".castTo(x.dataType());"}),
            // Hugging Face's rotate-half pairing (i, i + width/2) on weights meant for interleaved pairs
            Map.entry("RotatesHalves", new String[] {
                    "int at = head * width + 2 * i;\n                out[at] = x[at] * Math.cos(angle) - x[at + 1] * Math.sin(angle);\n"
                            + "                out[at + 1] = x[at] * Math.sin(angle) + x[at + 1] * Math.cos(angle);",
                    "int at = head * width + i;\n                int pair = at + width / 2;\n"
                            + "                out[at] = x[at] * Math.cos(angle) - x[pair] * Math.sin(angle);\n"
                            + "                out[pair] = x[at] * Math.sin(angle) + x[pair] * Math.cos(angle);"}),
            // the cache written at the token's index in the call rather than at its position
            Map.entry("WritesFromPositionZero", new String[] {
                    "cache.key().putScalar(new long[] {b, g, pos + t, e}",
                    "cache.key().putScalar(new long[] {b, g, t, e}",
                    "cache.value().putScalar(new long[] {b, g, pos + t, e}",
                    "cache.value().putScalar(new long[] {b, g, t, e}"}),
            // the output array is one buffer that the next call of the same shape overwrites
            Map.entry("ReusesOutputBuffer", new String[] {RETURN,
                    "INDArray fresh = Nd4j.create(out, new long[] {batch, tokens, model}, DataType.DOUBLE).castTo(x.dataType());\n"
                            + "        if (buffer == null || !Arrays.equals(buffer.shape(), fresh.shape())) {\n"
                            + "            buffer = fresh;\n        }\n        return buffer.assign(fresh);",
                    "private double[] gain;",
                    "private double[] gain;\n    private INDArray buffer;"}));

    /** The trivial candidates: they validate their input and compute nothing. */
    public static final List<String> TRIVIAL = List.of("ReturnsInput", "ReturnsZeros");

    private LlamaLoopEdits() {
    }

    /** Writes the candidate {@code name} as {@code dir/name.java} and returns its path. */
    public static Path write(String name, Path dir) throws IOException {
        return Files.writeString(dir.resolve(name + ".java"), source(name));
    }

    /** The source of the candidate {@code name}: a public class of that name. */
    public static String source(String name) throws IOException {
        String[] edits = EDITS.get(name);
        if (edits == null) {
            throw new IllegalArgumentException("no edit " + name + " of LoopLlamaBlock; expected one of " + EDITS.keySet());
        }
        String source = Files.readString(LOOP, StandardCharsets.UTF_8)
                .replace("class LoopLlamaBlock", "class " + name)
                .replace("public LoopLlamaBlock(", "public " + name + "(");
        for (int k = 0; k < edits.length; k += 2) {
            if (!source.contains(edits[k])) {
                throw new IllegalStateException(LOOP + " no longer contains: " + edits[k]);
            }
            source = source.replace(edits[k], edits[k + 1]);
        }
        return source;
    }
}
