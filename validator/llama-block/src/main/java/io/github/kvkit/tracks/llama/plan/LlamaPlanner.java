package io.github.kvkit.tracks.llama.plan;

import io.github.kvkit.llama.BlockWeights;
import io.github.kvkit.tracks.llama.cases.LlamaCaseBody;
import io.github.kvkit.tracks.llama.cases.LlamaStep;
import io.github.kvkit.tracks.llama.harness.CacheSource;
import io.github.kvkit.tracks.llama.harness.LlamaCall;
import io.github.kvkit.validator.cases.Dtype;
import io.github.kvkit.validator.cases.TestCase;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a llama-block {@link TestCase} into a {@link LlamaPlan}: generates every array from the case's seed, expands
 * repeated steps, and adds the calls the black-box checks need. For each sequence of steps on one cache: its tokens
 * in one call and one token at a time (as far as its last call of several tokens), each route on a fresh copy of the
 * sequence's first cache
 * ({@code cache_equivalence}); for each call of two tokens or more, the same call on its cache as it was before, with
 * its later tokens changed ({@code causal_mask}).
 */
public final class LlamaPlanner {

    private LlamaPlanner() {
    }

    public static LlamaPlan plan(TestCase tc) {
        return new Builder(tc).build();
    }

    private static final class Builder {
        private final TestCase tc;
        private final LlamaCaseBody body;
        private final PlanArrays arrays;
        private final List<LlamaCall> calls = new ArrayList<>();
        private final List<LlamaRole> roles = new ArrayList<>();
        private final List<Sequence> sequences = new ArrayList<>();
        private Open open;
        private int references = 0;

        Builder(TestCase tc) {
            this.tc = tc;
            this.body = LlamaCaseBody.of(tc);
            this.arrays = new PlanArrays(tc.seed(), tc.dtype().nd4j());
        }

        LlamaPlan build() {
            BlockWeights weights = arrays.weights(body);
            add(new LlamaCall.Construct(0, body.config(), false),
                    LlamaRole.of(LlamaRole.Kind.CONSTRUCT, "construct", 0, ""));
            add(new LlamaCall.LoadWeights(1, toArray(weights), false),
                    LlamaRole.of(LlamaRole.Kind.LOAD_WEIGHTS, "loadWeights", 1, ""));
            for (LlamaStep step : body.steps()) {
                if (step instanceof LlamaStep.Forward f) {
                    forward(f);
                } else {
                    reject(step, weights);
                }
            }
            close();
            return LlamaPlan.of(tc, calls, roles, weights, sequences);
        }

        private void forward(LlamaStep.Forward f) {
            if (f.newCache()) {
                close();
                open = new Open(sequences.size(), f, initialCache(f));
            }
            for (int r = 1; r <= f.repeat(); r++) {
                String name = f.repeat() == 1 ? f.name() : f.name() + "#" + r;
                INDArray x = f.x() != null ? arrays.fromSpec(f.x())
                        : arrays.generate(name + "/x", f.inputScale(), f.batch(), f.tokens(), body.config().dModel());
                if (f.zeroTokens().length > 0) {
                    x = PlanArrays.zeroRows(x, f.zeroTokens());
                }
                int index = calls.size();
                add(new LlamaCall.Forward(index, PlanArrays.layout(x, f.layout()),
                                new CacheSource.Arrays(open.key, open.value), open.next, false),
                        new LlamaRole(LlamaRole.Kind.STEP, name, index, open.id, open.next, f.tokens(), 0, "",
                                references++));
                open.steps.add(index);
                open.tokens.add(x.dup('c'));
                open.next += f.tokens();
                perturbed(index, x, f.inputScale());
            }
        }

        /** The sequence's first cache: earlier tokens' keys and values below its first position, stale values above. */
        private INDArray[] initialCache(LlamaStep.Forward f) {
            if (f.initialCache() != null) {
                return new INDArray[] {arrays.fromSpec(f.initialCache().key()), arrays.fromSpec(f.initialCache().value())};
            }
            long[] shape = body.cacheShape(f.batch());
            return new INDArray[] {arrays.generate(f.name() + "/cache-key", 1.0, shape),
                    arrays.generate(f.name() + "/cache-value", 1.0, shape)};
        }

        /** The call at {@code index} again, on its cache as it was before it, with its later half of tokens changed. */
        private void perturbed(int index, INDArray x, double scale) {
            LlamaRole role = roles.get(index);
            if (role.tokens() < 2) {
                return;
            }
            int keep = (role.tokens() + 1) / 2;
            INDArray changed = arrays.withLaterTokens(x, keep, role.stepName() + "/later-tokens", scale);
            add(new LlamaCall.Forward(calls.size(), changed, new CacheSource.Before(index), role.pos(), false),
                    new LlamaRole(LlamaRole.Kind.PERTURBED, role.stepName(), index, role.sequence(), role.pos(),
                            role.tokens(), keep, "", -1));
        }

        /** Ends the open sequence: its tokens again in one call and one at a time, each on a fresh copy of its cache. */
        private void close() {
            if (open == null) {
                return;
            }
            INDArray all = Nd4j.concat(1, open.tokens.toArray(INDArray[]::new)).dup('c');   // [B, sum T, D]
            int total = (int) all.size(1);
            int prefill = -1;
            if (open.steps.size() > 1) {
                prefill = calls.size();
                add(new LlamaCall.Forward(prefill, all, freshCopy(), open.start, false),
                        new LlamaRole(LlamaRole.Kind.PREFILL, open.name, prefill, open.id, open.start, total, 0, "", -1));
                boolean stepsPerturbed = open.steps.stream().anyMatch(i -> roles.get(i).tokens() >= 2);
                if (!stepsPerturbed) {
                    perturbed(prefill, all, open.inputScale);
                }
            }
            // one token at a time as far as the last call of several tokens: the steps after it are single tokens already
            int multiTokenEnd = 0;
            for (int i = 0, at = 0; i < open.steps.size(); i++) {
                at += roles.get(open.steps.get(i)).tokens();
                multiTokenEnd = roles.get(open.steps.get(i)).tokens() > 1 ? at : multiTokenEnd;
            }
            List<Integer> oneByOne = new ArrayList<>();
            CacheSource.Arrays copy = multiTokenEnd > 0 ? freshCopy() : null;
            for (int t = 0; t < multiTokenEnd; t++) {
                INDArray token = all.get(NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1), NDArrayIndex.all()).dup('c');
                oneByOne.add(calls.size());
                add(new LlamaCall.Forward(calls.size(), token, copy, open.start + t, false),
                        new LlamaRole(LlamaRole.Kind.ONE_BY_ONE, open.name, calls.size(), open.id, open.start + t, 1, 0, "",
                                -1));
            }
            sequences.add(new Sequence(open.id, open.name, open.start, open.key, open.value, open.steps, prefill, oneByOne));
            open = null;
        }

        private CacheSource.Arrays freshCopy() {
            return new CacheSource.Arrays(open.key.dup('c'), open.value.dup('c'));
        }

        private void reject(LlamaStep step, BlockWeights weights) {
            int index = calls.size();
            if (step instanceof LlamaStep.RejectConstructor c) {
                add(new LlamaCall.Construct(index, c.config(), true),
                        LlamaRole.of(LlamaRole.Kind.REJECT, c.name(), index, c.why()));
            } else if (step instanceof LlamaStep.RejectWeights w) {
                add(new LlamaCall.LoadWeights(index, w.shapes() == null ? null : wrongWeights(w, weights), true),
                        LlamaRole.of(LlamaRole.Kind.REJECT, w.name(), index, w.why()));
            } else {
                LlamaStep.RejectForward r = (LlamaStep.RejectForward) step;
                INDArray x = r.x() == null ? null : arrays.inlineOrGenerated(r.x(), r.name() + "/x", arrays.type());
                add(new LlamaCall.Forward(index, x, rejectCache(r, x), r.pos(), true),
                        LlamaRole.of(LlamaRole.Kind.REJECT, r.name(), index, r.why()));
            }
        }

        private CacheSource rejectCache(LlamaStep.RejectForward r, INDArray x) {
            if (r.cache() instanceof LlamaStep.RejectCache.None) {
                return new CacheSource.None();
            }
            if (r.cache() instanceof LlamaStep.RejectCache.Explicit e) {
                DataType type = e.dtype() == null ? arrays.type() : Dtype.of(e.dtype()).nd4j();
                INDArray key = e.key() == null ? null : arrays.inlineOrGenerated(e.key(), r.name() + "/cache-key", type);
                INDArray value = e.value() == null ? null
                        : arrays.inlineOrGenerated(e.value(), r.name() + "/cache-value", type);
                return new CacheSource.Arrays(key, value);
            }
            long batch = x != null && x.rank() >= 1 ? Math.max(1, x.size(0)) : 1;
            long[] shape = body.cacheShape(batch);
            return new CacheSource.Arrays(arrays.generate(r.name() + "/cache-key", 1.0, shape),
                    arrays.generate(r.name() + "/cache-value", 1.0, shape));
        }

        private INDArray[] wrongWeights(LlamaStep.RejectWeights r, BlockWeights good) {
            INDArray[] w = toArray(good);
            for (int i = 0; i < w.length; i++) {
                long[] shape = r.shapes().get(LlamaCaseBody.WEIGHT_NAMES.get(i));
                w[i] = shape == null ? w[i].dup()
                        : arrays.generate(r.name() + "/" + LlamaCaseBody.WEIGHT_NAMES.get(i), 0.1, shape);
            }
            return w;
        }

        private static INDArray[] toArray(BlockWeights w) {
            return new INDArray[] {w.attnNorm(), w.wq(), w.wk(), w.wv(), w.wo()};
        }

        private void add(LlamaCall call, LlamaRole role) {
            calls.add(call);
            roles.add(role);
        }
    }

    /** The sequence being planned. */
    private static final class Open {
        final int id;
        final String name;
        final int start;
        final double inputScale;
        final INDArray key;
        final INDArray value;
        final List<Integer> steps = new ArrayList<>();
        final List<INDArray> tokens = new ArrayList<>();
        int next;

        Open(int id, LlamaStep.Forward first, INDArray[] cache) {
            this.id = id;
            this.name = first.name();
            this.start = first.pos();
            this.inputScale = first.inputScale();
            this.key = cache[0];
            this.value = cache[1];
            this.next = first.pos();
        }
    }
}
