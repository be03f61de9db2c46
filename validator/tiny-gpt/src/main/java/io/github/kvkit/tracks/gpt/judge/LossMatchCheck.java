package io.github.kvkit.tracks.gpt.judge;

import io.github.kvkit.tracks.gpt.plan.Role;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Verdict;

/** {@code loss_match}: {@code loss(tokens)} equals the reference's next-token cross-entropy on the same parameters. */
public final class LossMatchCheck implements Check<GptRun> {

    @Override
    public String id() {
        return "loss_match";
    }

    @Override
    public boolean needsEvidence(GptRun run) {
        return false;
    }

    @Override
    public Verdict judge(GptRun r) {
        for (int i : r.callsFor(Role.LOSS)) {
            if (r.array(i, "loss") == null) {
                return Verdict.fail(r.missing(i, "loss"));
            }
            String why = Tensors.mismatch("loss", r.array(i, "loss"), r.expected(i, "loss"), r.tol());
            if (why != null) {
                return Verdict.fail(why + "; the loss is the mean of -log p(token t+1) over positions t < T-1");
            }
            return Verdict.pass("loss " + io.github.kvkit.validator.judge.Format.number(r.array(i, "loss").values()[0]));
        }
        return null;
    }
}
