package io.github.kvkit.tracks.kv;


import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvkit.harness.TrackHarness;
import io.github.kvkit.tracks.kv.bench.KvBenchmark;
import io.github.kvkit.tracks.kv.cases.KvBodyParser;
import io.github.kvkit.tracks.kv.harness.KvHarness;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.tracks.kv.judge.KvJudge;
import io.github.kvkit.tracks.kv.observe.KvObserver;
import io.github.kvkit.tracks.kv.plan.KvPlan;
import io.github.kvkit.tracks.kv.plan.KvPlanner;
import io.github.kvkit.validator.bench.Benchmark;
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
import io.github.kvkit.validator.track.CachedExpected;
import io.github.kvkit.validator.track.Track;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The first track: multi-head attention with a key/value cache ({@code docs/tracks/kv-attention.md}). A candidate
 * implements {@code io.github.kvkit.api.CachedAttention}; the reference is
 * {@code io.github.kvkit.attention.KVCachedMultiHeadAttention} from {@code solution/kv-attention/}.
 */
public final class KvAttentionTrack implements Track {

    public static final String ID = "kv-attention";

    private final KvHarness harness = new KvHarness();
    private final KvReference reference = KvReference.create();

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
        return "/io/github/kvkit/tracks/kv/schema.json";
    }

    /**
     * They admit any correct summation order in the case's type, and are still orders of magnitude below the
     * smallest error a real bug makes. The float64 ones sit between float64 rounding (about 1e-13 relative on the
     * shipped sizes) and float32 rounding (about 1e-7): computing a float64 case in float32 is a deviation from
     * the spec (section 9), and they catch it.
     */
    @Override
    public Tolerance defaultTolerance(Dtype dtype) {
        return dtype == Dtype.FLOAT32 ? new Tolerance(1e-4, 1e-3, 1e-3) : new Tolerance(1e-10, 1e-9, 1e-9);
    }

    @Override
    public CaseBody parseBody(JsonNode root, Dtype dtype, CaseReader reader) throws CaseFileException {
        return new KvBodyParser(root, reader).parse();
    }

    @Override
    public KvPlan plan(TestCase tc) {
        return KvPlanner.plan(tc);
    }

    @Override
    public boolean hasReference() {
        return reference.hasReference();
    }

    @Override
    public List<KvResult> expected(CasePlan plan) {
        return reference.expected((KvPlan) plan);
    }

    /** The reference's results, kept whole; none without the reference (a student kit grades frozen cases only). */
    @Override
    public Optional<CachedExpected> cachedExpected() {
        return Optional.ofNullable(reference.referenceClass()).map(KvCachedExpected::new);
    }

    @Override
    @SuppressWarnings("unchecked")
    public CaseResult judge(CasePlan plan, RunRecord run, Object expected) {
        return KvJudge.judge((KvPlan) plan, run, (List<KvResult>) expected);
    }

    @Override
    public TestCase materialize(TestCase tc, Path target) throws IOException, CaseFileException {
        return KvMaterializer.materialize(tc, this, target);
    }

    /** Cached decoding against recomputing every position, over growing lengths ({@link KvBenchmark}). */
    @Override
    public Optional<Benchmark> benchmark() {
        return Optional.of(new KvBenchmark());
    }

    @Override
    public Optional<Observer> observer() {
        return Optional.of(new KvObserver());
    }
}
