package io.github.kvkit.tracks.llama.judge;

import io.github.kvkit.tracks.llama.plan.LlamaPlan;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Judge;
import io.github.kvkit.validator.judge.RejectsBadInput;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.run.RunRecord;

import java.util.List;

/**
 * Judges a llama-block run: each check over every call it applies to, reported once with its first failure. Marks
 * follow evidence: {@code reference} and {@code cache_writes} earn the share of steps they find right, and the other
 * checks earn theirs only in a case whose steps showed that the block was computed ({@link LlamaEvidence}).
 */
public final class LlamaJudge {

    /** The checks, in the order reports list them. */
    public static final List<Check<? super LlamaRun>> CHECKS = List.of(new ShapeCheck(), new FiniteCheck(),
            new CausalMaskCheck(), new CacheEquivalenceCheck(), new CacheWritesCheck(), new ReferenceCheck(),
            new InputsUnchangedCheck(), new RejectsBadInput());

    private LlamaJudge() {
    }

    public static CaseResult judge(LlamaPlan plan, RunRecord run, List<Expected> expected) {
        LlamaRun r = new LlamaRun(plan, run, expected);
        return Judge.judge(r, CHECKS, LlamaEvidence.missing(r));
    }
}
