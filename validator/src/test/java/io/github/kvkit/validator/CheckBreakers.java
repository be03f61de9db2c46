package io.github.kvkit.validator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Candidates that each break one check on purpose: the correct loop implementation
 * ({@code candidates/valid/LoopAttention.java}) with one edit, so a reader sees the whole deviation in one
 * line here and no near-copy of the candidate drifts from the original.
 */
public final class CheckBreakers {

    private static final Path LOOP_ATTENTION = Path.of("validator/src/test/resources/candidates/valid/LoopAttention.java");

    /** Candidate name -> {the text of LoopAttention to replace, its replacement}. */
    private static final Map<String, String[]> EDITS = Map.of(
            // shape: the output is always DOUBLE, whatever the query's type
            "OutputAlwaysDouble", new String[] {
                    "INDArray output = build(out, type, batch, tq, model);",
                    "INDArray output = build(out, DataType.DOUBLE, batch, tq, model);"},
            // finite: no max shift, so logits in the thousands overflow exp
            "SoftmaxWithoutShift", new String[] {
                    "row[j] = Math.exp(row[j] - max);",
                    "row[j] = Math.exp(row[j]);"},
            // softmax_sum: the weights are never divided by their row sum
            "UnnormalizedWeights", new String[] {
                    "double p = row[j] / sum;",
                    "double p = row[j];"},
            // causal_mask: every query sees every key
            "NoCausalMask", new String[] {
                    "int visible = useCausalMask ? Math.min(total, i + shift + 1) : total;",
                    "int visible = total;"},
            // cache_equivalence: cached keys are projected a second time
            "ReprojectsCache", new String[] {
                    "keys[dst] = oldKeys[(n * cached + t) * model + f];",
                    "keys[dst] = project(oldKeys, batch * cached, 1)[(n * cached + t) * model + f];"},
            // reference: scores divided by sqrt(dModel) instead of sqrt(head dim)
            "ScalesByModelWidth", new String[] {
                    "double scale = 1.0 / Math.sqrt(width);",
                    "double scale = 1.0 / Math.sqrt(model);"},
            // inputs_unchanged: zeroes the caller's value array after using it
            "ClearsValueInput", new String[] {
                    "        return new AttentionResult(output, grown,",
                    "        value.assign(0);\n        return new AttentionResult(output, grown,"},
            // rejects_bad_input: no capacity check
            "NoValidation", new String[] {
                    "if (total > capacity) {",
                    "if (false) {"});

    private CheckBreakers() {
    }

    /** Writes the candidate {@code name} as {@code dir/name.java} and returns its path. */
    public static Path write(String name, Path dir) throws IOException {
        String[] edit = EDITS.get(name);
        if (edit == null) {
            throw new IllegalArgumentException("no check breaker " + name + "; expected one of " + EDITS.keySet());
        }
        String source = Files.readString(LOOP_ATTENTION, StandardCharsets.UTF_8)
                .replace("class LoopAttention", "class " + name)
                .replace("public LoopAttention(", "public " + name + "(");
        if (!source.contains(edit[0])) {
            throw new IllegalStateException(LOOP_ATTENTION + " no longer contains: " + edit[0]);
        }
        return Files.writeString(dir.resolve(name + ".java"), source.replace(edit[0], edit[1]));
    }
}
