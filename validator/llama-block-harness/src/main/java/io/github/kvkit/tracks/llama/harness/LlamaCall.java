package io.github.kvkit.tracks.llama.harness;

import io.github.kvkit.harness.Arg;
import io.github.kvkit.harness.Call;
import io.github.kvkit.llama.BlockConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The llama-block track's calls, typed: what its planner makes, its reference and the candidate's JVM run, and its
 * checks read. On the wire each is a track-neutral {@link Call} ({@link #toCall()}, {@link #of(Call)}).
 */
public sealed interface LlamaCall {

    int index();

    /** Whether the call must throw {@link IllegalArgumentException}. */
    boolean mustReject();

    /** The same call in the engine's track-neutral form. */
    Call toCall();

    /** Constructs the candidate; the first call (index 0) builds the instance every later call uses. */
    record Construct(int index, BlockConfig config, boolean mustReject) implements LlamaCall {
        static final String METHOD = "construct";

        @Override
        public Call toCall() {
            return new Call(index, METHOD, List.of(new Arg.Int(config.dModel()), new Arg.Int(config.numHeads()),
                    new Arg.Int(config.numKvHeads()), new Arg.Int(config.maxSeqLen()), new Arg.Real(config.ropeTheta()),
                    new Arg.Real(config.rmsEps())), mustReject);
        }
    }

    /**
     * {@code loadWeights} with {@code attnNorm, wq, wk, wv, wo} in that order, or {@code null} arrays to pass
     * {@code null} weights.
     */
    record LoadWeights(int index, INDArray[] weights, boolean mustReject) implements LlamaCall {
        static final String METHOD = "loadWeights";

        @Override
        public Call toCall() {
            List<Arg> args = new ArrayList<>();
            if (weights != null) {
                for (INDArray w : weights) {
                    args.add(w == null ? Arg.Null.NULL : new Arg.Array(w));
                }
            }
            return new Call(index, METHOD, args, mustReject);
        }
    }

    /**
     * {@code forward(x, cache, pos)}. In its {@link #toCall() neutral form} the arguments are, by index: 0 x,
     * 1 and 2 the cache's key and value (writable arrays, or part {@code cache.key.before} / {@code cache.value.before}
     * of a call whose cache is copied), 3 whether the cache itself is null, 4 pos; reports name them so
     * ({@code LlamaPlan.argumentName}).
     */
    record Forward(int index, INDArray x, CacheSource cache, int pos, boolean mustReject) implements LlamaCall {
        static final String METHOD = "forward";
        static final String KEY_BEFORE = "cache.key.before";
        static final String VALUE_BEFORE = "cache.value.before";

        @Override
        public Call toCall() {
            Arg key = Arg.Null.NULL;
            Arg value = Arg.Null.NULL;
            if (cache instanceof CacheSource.Arrays a) {
                key = a.key() == null ? Arg.Null.NULL : new Arg.Array(a.key(), true);
                value = a.value() == null ? Arg.Null.NULL : new Arg.Array(a.value(), true);
            } else if (cache instanceof CacheSource.Before b) {
                key = new Arg.Result(b.call(), KEY_BEFORE);
                value = new Arg.Result(b.call(), VALUE_BEFORE);
            }
            return new Call(index, METHOD, List.of(x == null ? Arg.Null.NULL : new Arg.Array(x), key, value,
                    new Arg.Bool(cache instanceof CacheSource.None), new Arg.Int(pos)), mustReject);
        }
    }

    /**
     * The typed call a track-neutral one stands for.
     *
     * @throws IllegalArgumentException when it is not one of this track's calls
     */
    static LlamaCall of(Call c) {
        try {
            return switch (c.method()) {
                case Construct.METHOD -> new Construct(c.index(), new BlockConfig(c.intArg(0), c.intArg(1), c.intArg(2),
                        c.intArg(3), real(c, 4), real(c, 5)), c.mustReject());
                case LoadWeights.METHOD -> {
                    INDArray[] weights = null;
                    if (!c.args().isEmpty()) {
                        weights = new INDArray[c.args().size()];
                        for (int i = 0; i < weights.length; i++) {
                            weights[i] = c.arrayArg(i);
                        }
                    }
                    yield new LoadWeights(c.index(), weights, c.mustReject());
                }
                case Forward.METHOD -> new Forward(c.index(), c.arrayArg(0), cache(c), c.intArg(4), c.mustReject());
                default -> throw new IllegalArgumentException("no llama-block call named " + c.method());
            };
        } catch (ClassCastException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("malformed llama-block call " + c.method() + ": " + e.getMessage(), e);
        }
    }

    private static CacheSource cache(Call c) {
        if (c.boolArg(3)) {
            return new CacheSource.None();
        }
        if (c.arg(1) instanceof Arg.Result r) {
            return new CacheSource.Before(r.call());
        }
        return new CacheSource.Arrays(c.arrayArg(1), c.arrayArg(2));
    }

    private static double real(Call c, int i) {
        return ((Arg.Real) c.arg(i)).value();
    }
}
