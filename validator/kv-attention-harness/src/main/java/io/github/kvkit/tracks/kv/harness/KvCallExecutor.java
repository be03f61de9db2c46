package io.github.kvkit.tracks.kv.harness;

import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import io.github.kvkit.harness.Call;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Digest;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.harness.TrackHarness;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes a kv-attention case's calls on one candidate, in order, and records what each did. The same code runs
 * in the validator's JVM ({@code --in-process}), in the child JVM that isolates an untrusted candidate, and on
 * the reference.
 */
public final class KvCallExecutor implements TrackHarness.CaseExecutor {

    /** Builds a candidate instance; exceptions are the candidate's own (not wrapped). */
    @FunctionalInterface
    public interface Factory {
        CachedAttention create(int dModel, int numHeads, int maxCacheLen) throws Throwable;
    }

    private final Factory factory;
    private final Set<String> candidateClasses;
    private CachedAttention instance;
    private AttentionWeights loaded;
    private final Map<Integer, KVCache> caches = new HashMap<>();
    private final Map<Integer, Integer> lastUse = new HashMap<>();
    /** Calls whose returned cache a fully captured later call receives: only those are fingerprinted. */
    private final Set<Integer> fingerprinted = new HashSet<>();
    /** The last forward call: the loaded weights are fingerprinted after it, once the candidate is done with them. */
    private int lastForward = -1;
    /**
     * Results already returned, digested again after later calls: the previous forward call's (a buffer the
     * next call overwrites), and every fully captured one's (checked at each later fully captured call).
     */
    private final Map<Integer, AttentionResult> kept = new TreeMap<>();
    private int previousForward = -1;
    private final Set<Integer> fullyCaptured = new HashSet<>();
    /** What the last call threw, or null: the child JVM looks for an OutOfMemoryError in its causes. */
    private Throwable lastThrown;
    private long lastCallNanos = -1;

    /**
     * @param candidateClasses binary names of the candidate's classes, to find the first stack frame in
     *                         the candidate's own code when it throws
     */
    public KvCallExecutor(Factory factory, Set<String> candidateClasses) {
        this.factory = factory;
        this.candidateClasses = Set.copyOf(candidateClasses);
    }

    /**
     * ND4J's random generator is seeded with this at the start of every case, on the thread that makes the calls:
     * a candidate that draws from {@code Nd4j.rand} (dropout left on, random init) sees the same numbers in every
     * run and in a fresh JVM or a reused one, so the same file gets the same score. {@code Math.random} and
     * {@code java.util.Random} without a seed cannot be reset from outside; the spec asks for neither.
     */
    public static final long CASE_SEED = 0x6B766B6974L;

    /**
     * Must be told every call up front, so a returned cache is kept exactly as long as a later call needs it.
     * Also seeds ND4J's random generator ({@link #CASE_SEED}).
     */
    @Override
    public void prepare(List<Call> calls) {
        prepareTyped(calls.stream().map(KvCall::of).toList());
    }

    /** {@link #prepare} for calls already typed (the reference's). */
    public void prepareTyped(List<KvCall> calls) {
        Nd4j.getRandom().setSeed(CASE_SEED);
        for (KvCall call : calls) {
            if (call instanceof KvCall.Forward) {
                lastForward = Math.max(lastForward, call.index());
            }
            if (call instanceof KvCall.Forward f && f.cacheFromCall() >= 0) {
                lastUse.merge(f.cacheFromCall(), f.index(), Math::max);
                if (f.fullCapture()) {
                    fingerprinted.add(f.cacheFromCall());
                }
            }
        }
    }

    @Override
    public CallOutcome execute(Call call) {
        return execute(KvCall.of(call));
    }

    /** Makes one call and returns what happened; never throws for anything the candidate does but Errors it cannot survive. */
    public CallOutcome execute(KvCall call) {
        lastThrown = null;
        lastCallNanos = -1;
        try {
            if (call instanceof KvCall.Construct c) {
                return construct(c);
            }
            if (call instanceof KvCall.LoadWeights w) {
                return loadWeights(w);
            }
            return forward((KvCall.Forward) call);
        } catch (Throwable t) {
            lastThrown = t;
            return threw(t);
        } finally {
            caches.keySet().removeIf(i -> lastUse.getOrDefault(i, -1) <= call.index());
        }
    }

    private CallOutcome construct(KvCall.Construct c) throws Throwable {
        CachedAttention built = factory.create(c.dModel(), c.numHeads(), c.maxCacheLen());
        if (c.index() == 0) {
            instance = built;
        }
        return new CallOutcome.Completed();
    }

    private CallOutcome loadWeights(KvCall.LoadWeights w) {
        if (instance == null) {
            return new CallOutcome.NotRun("the candidate was not constructed");
        }
        INDArray[] a = w.weights();
        AttentionWeights weights = a == null ? null : new AttentionWeights(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
        instance.loadWeights(weights);
        if (!w.mustReject()) {
            loaded = weights;
        }
        return new CallOutcome.Completed();
    }

    private CallOutcome forward(KvCall.Forward f) {
        if (instance == null) {
            return new CallOutcome.NotRun("the candidate was not constructed");
        }
        KVCache cache = null;
        if (f.cacheFromCall() >= 0) {
            cache = caches.get(f.cacheFromCall());
            if (cache == null) {
                return new CallOutcome.NotRun("call " + f.cacheFromCall() + " returned no cache to continue from");
            }
        } else if (f.cacheKey() != null || f.cacheValue() != null) {
            cache = new KVCache(f.cacheKey(), f.cacheValue());
        }
        INDArray key = f.keyIsQuery() ? f.query() : f.key();
        INDArray value = f.valueIsQuery() ? f.query() : f.value();

        long start = System.nanoTime();
        AttentionResult result = instance.forward(f.query(), key, value, cache, f.causal());
        lastCallNanos = System.nanoTime() - start;

        // the arrays passed as arguments are the engine's ArgumentGuard's to watch; a cache returned by an earlier
        // call is this track's: it must still be what that call returned
        long[] cacheIn = f.fullCapture() && cache != null
                ? new long[] {Digest.of(cache.key()), Digest.of(cache.value())} : new long[2];
        if (result == null) {
            return new CallOutcome.Unusable("forward returned null");
        }
        if (result.output() == null || result.attentionWeights() == null || result.cache() == null
                || result.cache().key() == null || result.cache().value() == null) {
            return new CallOutcome.Unusable("forward returned a result with null parts: output="
                    + (result.output() != null) + ", attentionWeights=" + (result.attentionWeights() != null)
                    + ", cache=" + (result.cache() != null && result.cache().key() != null && result.cache().value() != null));
        }
        KVCache returned = result.cache();
        long cacheDigest = 0;
        if (lastUse.containsKey(f.index())) {
            caches.put(f.index(), returned);
        }
        if (fingerprinted.contains(f.index())) {
            cacheDigest = Digest.of(returned.key()) * 31 + Digest.of(returned.value());
        }
        boolean tail = !f.fullCapture() && returned.key().rank() == 3 && returned.key().size(1) >= key.size(1)
                && returned.value().rank() == 3 && returned.value().size(1) >= key.size(1);
        Tensor cacheKey = tail ? Tensor.of(lastRows(returned.key(), key.size(1))) : Tensor.of(returned.key());
        Tensor cacheValue = tail ? Tensor.of(lastRows(returned.value(), key.size(1))) : Tensor.of(returned.value());
        long weightsDigest = f.index() == lastForward && loaded != null ? digest(loaded) : 0;
        long[] results = {Digest.of(result.output()), Digest.of(result.attentionWeights())};
        long[] later = laterDigests(f.fullCapture());
        keep(f.index(), result, f.fullCapture());
        return new KvResult(Tensor.of(result.output()), Tensor.of(result.attentionWeights()),
                cacheKey, cacheValue, returned.key().shape().clone(), returned.value().shape().clone(), tail,
                cacheIn, weightsDigest, cacheDigest, results, later).toOutcome();
    }

    /** The kept results digested again now: all of them after a fully captured call, else the previous one. */
    private long[] laterDigests(boolean all) {
        List<Long> out = new ArrayList<>();
        for (Map.Entry<Integer, AttentionResult> e : kept.entrySet()) {
            if (all || e.getKey() == previousForward) {
                out.add((long) e.getKey());
                out.add(Digest.of(e.getValue().output()));
                out.add(Digest.of(e.getValue().attentionWeights()));
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private void keep(int index, AttentionResult result, boolean fullCapture) {
        if (previousForward >= 0 && !fullyCaptured.contains(previousForward)) {
            kept.remove(previousForward);
        }
        kept.put(index, result);
        if (fullCapture) {
            fullyCaptured.add(index);
        }
        previousForward = index;
    }

    @Override
    public long lastCallNanos() {
        return lastCallNanos;
    }

    @Override
    public Throwable lastThrown() {
        return lastThrown;
    }

    /** The fingerprint of a weights record, the same one the validator computes for what it sent. */
    public static long digest(AttentionWeights w) {
        long h = 17;
        for (INDArray a : new INDArray[] {w.wq(), w.bq(), w.wk(), w.bk(), w.wv(), w.bv(), w.wo(), w.bo()}) {
            h = h * 31 + Digest.of(a);
        }
        return h;
    }

    private static INDArray lastRows(INDArray x, long rows) {
        long len = x.size(1);
        return x.get(NDArrayIndex.all(), NDArrayIndex.interval(len - rows, len), NDArrayIndex.all());
    }

    private CallOutcome threw(Throwable t) {
        String where = "";
        for (StackTraceElement frame : t.getStackTrace()) {
            if (candidateClasses.contains(frame.getClassName())) {
                where = frame.getFileName() + ":" + frame.getLineNumber() + " (" + simpleName(frame.getClassName())
                        + "." + frame.getMethodName() + ")";
                break;
            }
        }
        String message = t.getMessage();
        if (t instanceof ExceptionInInitializerError e && e.getCause() != null) {
            message = e.getCause().getClass().getName() + ": " + e.getCause().getMessage();
        }
        return new CallOutcome.Threw(t.getClass().getName(), message == null ? "" : message, where,
                t instanceof IllegalArgumentException);
    }

    private static String simpleName(String binaryName) {
        return binaryName.substring(binaryName.lastIndexOf('.') + 1);
    }
}
