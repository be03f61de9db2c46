package io.github.kvkit.tracks.gpt.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.gpt.plan.Role;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Format;
import io.github.kvkit.validator.judge.Verdict;

/**
 * {@code init}: the positional embedding a new model holds is drawn from N(0, 0.02²): its mean within
 * {@link #MAX_MEAN} of 0 and its standard deviation within {@link #STD_RANGE}. Over the shipped cases' at least
 * 256 values a correct draw's mean and standard deviation stay 4 standard errors or more inside these bounds, and
 * the spec's bug (std 1, or 0) lies far outside.
 */
public final class InitCheck implements Check<GptRun> {

    static final double MAX_MEAN = 0.005;
    static final double[] STD_RANGE = {0.016, 0.024};

    @Override
    public String id() {
        return "init";
    }

    @Override
    public Verdict judge(GptRun r) {
        int construct = r.callsFor(Role.CONSTRUCT).get(0);
        Tensor wpe = r.array(construct, "wpe");
        if (wpe == null) {
            return Verdict.fail(r.missing(construct, "wpe") + "; expected parameters() to hold 'wpe'");
        }
        long[] want = {r.plan().config().blockSize(), r.plan().config().dModel()};
        if (!java.util.Arrays.equals(wpe.shape(), want)) {
            return Verdict.fail("wpe has shape " + wpe.shapeString() + ", expected " + java.util.Arrays.toString(want));
        }
        double mean = java.util.Arrays.stream(wpe.values()).average().orElse(0);
        double var = java.util.Arrays.stream(wpe.values()).map(x -> (x - mean) * (x - mean)).average().orElse(0);
        double std = Math.sqrt(var);
        String stats = "wpe mean " + Format.number(mean) + ", std " + Format.number(std);
        if (!(Math.abs(mean) <= MAX_MEAN && std >= STD_RANGE[0] && std <= STD_RANGE[1])) {
            return Verdict.fail(stats + "; expected the positional embedding drawn from N(0, 0.02²): mean within "
                    + MAX_MEAN + " of 0, std in [" + STD_RANGE[0] + ", " + STD_RANGE[1] + "]");
        }
        return Verdict.pass(stats);
    }
}
