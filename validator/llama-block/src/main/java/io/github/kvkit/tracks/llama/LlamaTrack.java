package io.github.kvkit.tracks.llama;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvkit.harness.TrackHarness;
import io.github.kvkit.tracks.llama.cases.LlamaBodyParser;
import io.github.kvkit.tracks.llama.harness.LlamaHarness;
import io.github.kvkit.tracks.llama.judge.Expected;
import io.github.kvkit.tracks.llama.judge.LlamaJudge;
import io.github.kvkit.tracks.llama.observe.LlamaObserver;
import io.github.kvkit.tracks.llama.plan.LlamaPlan;
import io.github.kvkit.tracks.llama.plan.LlamaPlanner;
import io.github.kvkit.validator.cases.CaseBody;
import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseReader;
import io.github.kvkit.validator.cases.Dtype;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.observe.Observer;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.run.RunRecord;
import io.github.kvkit.validator.track.Track;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The second track: a Llama attention block (RMSNorm, grouped-query attention with RoPE, the residual) over a
 * preallocated key/value cache written in place ({@code docs/tracks/llama-block.md}). A candidate implements
 * {@code io.github.kvkit.llama.LlamaAttentionBlock}; the reference is {@code io.github.kvkit.llamablock.LlamaAttention}
 * from {@code solution/llama-block/}.
 */
public final class LlamaTrack implements Track {

    public static final String ID = "llama-block";

    private final LlamaHarness harness = new LlamaHarness();
    private final LlamaReference reference = LlamaReference.create();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public TrackHarness harness() {
        return harness;
    }

    @Override
    public String schemaResource() {
        return "/io/github/kvkit/tracks/llama/schema.json";
    }

    /**
     * kv-attention's, for the same reasons: any correct order of summation in the case's type passes, and the
     * float64 ones catch a float64 case computed in float32.
     */
    @Override
    public Tolerance defaultTolerance(Dtype dtype) {
        return dtype == Dtype.FLOAT32 ? new Tolerance(1e-4, 1e-3, 1e-3) : new Tolerance(1e-10, 1e-9, 1e-9);
    }

    @Override
    public CaseBody parseBody(JsonNode root, Dtype dtype, CaseReader reader) throws CaseFileException {
        return new LlamaBodyParser(root, reader).parse();
    }

    @Override
    public LlamaPlan plan(TestCase tc) {
        return LlamaPlanner.plan(tc);
    }

    @Override
    public boolean hasReference() {
        return reference.hasReference();
    }

    @Override
    public List<Expected> expected(CasePlan plan) {
        return reference.expected((LlamaPlan) plan);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CaseResult judge(CasePlan plan, RunRecord run, Object expected) {
        return LlamaJudge.judge((LlamaPlan) plan, run, (List<Expected>) expected);
    }

    @Override
    public TestCase materialize(TestCase tc, Path target) throws IOException, CaseFileException {
        return LlamaMaterializer.materialize(tc, this, target);
    }

    /** Signs and figures for {@code kvkit diagnose}: what the outputs and the cache writes show, step by step. */
    @Override
    public Optional<Observer> observer() {
        return Optional.of(new LlamaObserver());
    }
}
