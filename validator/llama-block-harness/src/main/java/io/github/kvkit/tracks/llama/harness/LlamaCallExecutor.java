package io.github.kvkit.tracks.llama.harness;

import io.github.kvkit.harness.Call;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Digest;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.harness.TrackHarness;
import io.github.kvkit.llama.BlockConfig;
import io.github.kvkit.llama.BlockWeights;
import io.github.kvkit.llama.LlamaAttentionBlock;
import io.github.kvkit.llama.StaticKVCache;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Set;

/**
 * Makes a llama-block case's calls on one candidate, in order, and records what each did: the output and the whole
 * cache as the call left it. The same code runs in the validator's JVM ({@code --in-process}), in the child JVM that
 * isolates an untrusted candidate, and on the reference.
 */
public final class LlamaCallExecutor implements TrackHarness.CaseExecutor {

    /** Builds a candidate instance; exceptions are the candidate's own (not wrapped). */
    @FunctionalInterface
    public interface Factory {
        LlamaAttentionBlock create(BlockConfig config) throws Throwable;
    }

    /**
     * ND4J's random generator is seeded with this at the start of every case, so a candidate that draws from
     * {@code Nd4j.rand} sees the same numbers in every run, and the same file gets the same score.
     */
    public static final long CASE_SEED = 0x6C6C616D61L;

    private final Factory factory;
    private final Set<String> candidateClasses;
    private final CacheCopies caches = new CacheCopies();
    private LlamaAttentionBlock instance;
    private BlockWeights loaded;
    private int lastForward = -1;
    private int previousForward = -1;
    private INDArray previousOutput;
    private Throwable lastThrown;

    /**
     * @param candidateClasses binary names of the candidate's classes, to find the first stack frame in the
     *                         candidate's own code when it throws
     */
    public LlamaCallExecutor(Factory factory, Set<String> candidateClasses) {
        this.factory = factory;
        this.candidateClasses = Set.copyOf(candidateClasses);
    }

    @Override
    public void prepare(List<Call> calls) {
        prepareTyped(calls.stream().map(LlamaCall::of).toList());
    }

    /** {@link #prepare} for calls already typed (the reference's). Also seeds ND4J's random generator. */
    public void prepareTyped(List<LlamaCall> calls) {
        Nd4j.getRandom().setSeed(CASE_SEED);
        caches.prepare(calls);
        for (LlamaCall call : calls) {
            if (call instanceof LlamaCall.Forward) {
                lastForward = Math.max(lastForward, call.index());
            }
        }
    }

    @Override
    public CallOutcome execute(Call call) {
        return execute(LlamaCall.of(call));
    }

    /** Makes one call; never throws for anything the candidate does but Errors it cannot survive. */
    public CallOutcome execute(LlamaCall call) {
        lastThrown = null;
        try {
            if (call instanceof LlamaCall.Construct c) {
                LlamaAttentionBlock built = factory.create(c.config());
                if (c.index() == 0) {
                    instance = built;
                }
                return new CallOutcome.Completed();
            }
            if (instance == null) {
                return new CallOutcome.NotRun("the candidate was not constructed");
            }
            if (call instanceof LlamaCall.LoadWeights w) {
                return loadWeights(w);
            }
            return forward((LlamaCall.Forward) call);
        } catch (Throwable t) {
            lastThrown = t;
            return Thrown.outcome(t, candidateClasses);
        }
    }

    private CallOutcome loadWeights(LlamaCall.LoadWeights w) {
        INDArray[] a = w.weights();
        BlockWeights weights = a == null ? null : new BlockWeights(a[0], a[1], a[2], a[3], a[4]);
        instance.loadWeights(weights);
        if (!w.mustReject()) {
            loaded = weights;
        }
        return new CallOutcome.Completed();
    }

    private CallOutcome forward(LlamaCall.Forward f) {
        if (f.cache() instanceof CacheSource.Before b && !caches.hasSnapshot(b.call())) {
            return new CallOutcome.NotRun("call " + b.call() + ", whose cache it starts from, did not run");
        }
        INDArray[] cache = caches.resolve(f);
        if (cache != null && caches.snapshotNeeded(f.index())) {
            caches.snapshot(f.index(), cache);
        }
        StaticKVCache given = cache == null ? null : new StaticKVCache(cache[0], cache[1]);

        INDArray output = instance.forward(f.x(), given, f.pos());

        if (output == null) {
            return new CallOutcome.Unusable("forward returned null");
        }
        long[] later = previousOutput == null ? new long[0] : new long[] {previousForward, Digest.of(previousOutput)};
        long weightsDigest = f.index() == lastForward && loaded != null ? digest(loaded) : 0;
        LlamaResult result = new LlamaResult(Tensor.of(output), tensor(cache, 0), tensor(cache, 1), Digest.of(output),
                weightsDigest, later);
        previousForward = f.index();
        previousOutput = output;
        return result.toOutcome();
    }

    @Override
    public Throwable lastThrown() {
        return lastThrown;
    }

    /** The fingerprint of a weights record, the same one the validator computes for what it sent. */
    public static long digest(BlockWeights w) {
        long h = 17;
        for (INDArray a : new INDArray[] {w.attnNorm(), w.wq(), w.wk(), w.wv(), w.wo()}) {
            h = h * 31 + Digest.of(a);
        }
        return h;
    }

    private static Tensor tensor(INDArray[] cache, int part) {
        return cache == null || cache[part] == null ? null : Tensor.of(cache[part]);
    }
}
