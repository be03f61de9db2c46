package io.github.kvkit.tracks.gpt.harness;

import io.github.kvkit.gpt.GptConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/** The spec's parameter names and shapes, in its order: what a load call fills and what the checks compare. */
public final class GptParameters {

    private GptParameters() {
    }

    /** Name → shape of every parameter of a model of {@code config}. */
    public static Map<String, long[]> shapes(GptConfig config) {
        long v = config.vocabSize();
        long c = config.dModel();
        Map<String, long[]> out = new LinkedHashMap<>();
        out.put("wte", new long[] {v, c});
        out.put("wpe", new long[] {config.blockSize(), c});
        for (int l = 0; l < config.numLayers(); l++) {
            String h = "h." + l + ".";
            out.put(h + "ln_1.weight", new long[] {c});
            out.put(h + "ln_1.bias", new long[] {c});
            out.put(h + "attn.c_attn.weight", new long[] {c, 3 * c});
            out.put(h + "attn.c_attn.bias", new long[] {3 * c});
            out.put(h + "attn.c_proj.weight", new long[] {c, c});
            out.put(h + "attn.c_proj.bias", new long[] {c});
            out.put(h + "ln_2.weight", new long[] {c});
            out.put(h + "ln_2.bias", new long[] {c});
            out.put(h + "mlp.c_fc.weight", new long[] {c, 4 * c});
            out.put(h + "mlp.c_fc.bias", new long[] {4 * c});
            out.put(h + "mlp.c_proj.weight", new long[] {4 * c, c});
            out.put(h + "mlp.c_proj.bias", new long[] {c});
        }
        out.put("ln_f.weight", new long[] {c});
        out.put("ln_f.bias", new long[] {c});
        out.put("lm_head.weight", new long[] {c, v});
        return out;
    }
}
