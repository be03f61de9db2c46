package io.github.kvkit.tracks.gpt;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.TrackHarness;
import io.github.kvkit.tracks.gpt.cases.GptCaseBody;
import io.github.kvkit.tracks.gpt.harness.GptHarness;
import io.github.kvkit.tracks.gpt.judge.GptJudge;
import io.github.kvkit.tracks.gpt.observe.GptObserver;
import io.github.kvkit.tracks.gpt.plan.GptPlan;
import io.github.kvkit.tracks.gpt.plan.GptPlanner;
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
 * The tiny-gpt track: fix a small GPT's training, then give it a key/value cache that changes no generated token
 * ({@code docs/tracks/tiny-gpt.md}). A candidate implements {@code io.github.kvkit.gpt.TinyLanguageModel}; the
 * reference is {@code io.github.kvkit.tinygpt.TinyGpt} from {@code solution/tiny-gpt/}.
 */
public final class GptTrack implements Track {

    public static final String ID = "tiny-gpt";

    private final GptHarness harness = new GptHarness();
    private final GptReference reference = GptReference.create();

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
        return "/io/github/kvkit/tracks/gpt/schema.json";
    }

    /**
     * Models are float32. Logits of the shipped cases are of order 1 to 10 and a float32 forward pass of two
     * layers computed in another order differs from the reference's by about 1e-6 of that; 1e-4 + 1e-3·|x|
     * admits any such order and is far below what a wrong mask, shift, scale or cache makes (0.01 and more).
     */
    @Override
    public Tolerance defaultTolerance(Dtype dtype) {
        return new Tolerance(1e-4, 1e-3, 1e-3);
    }

    @Override
    public CaseBody parseBody(JsonNode root, Dtype dtype, CaseReader reader) throws CaseFileException {
        return GptCaseBody.parse(root, reader);
    }

    @Override
    public GptPlan plan(TestCase tc) {
        return GptPlanner.plan(tc);
    }

    @Override
    public boolean hasReference() {
        return reference.hasReference();
    }

    @Override
    public List<CallOutcome> expected(CasePlan plan) {
        return reference.expected((GptPlan) plan);
    }

    @Override
    public TestCase materialize(TestCase tc, Path target) throws IOException, CaseFileException {
        return GptMaterializer.materialize(tc, this, target);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CaseResult judge(CasePlan plan, RunRecord run, Object expected) {
        return GptJudge.judge((GptPlan) plan, run, (List<CallOutcome>) expected);
    }

    /** Signs and figures for {@code kvkit diagnose}: logits, loss, AdamW steps, the cache and generation, call by call. */
    @Override
    public Optional<Observer> observer() {
        return Optional.of(new GptObserver());
    }
}
