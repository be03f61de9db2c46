package io.github.kvkit.tracks.kv.plan;

import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.data.SeededArrays;
import io.github.kvkit.tracks.kv.cases.CacheSpec;
import io.github.kvkit.tracks.kv.cases.KvCaseBody;
import io.github.kvkit.tracks.kv.cases.Step;
import io.github.kvkit.tracks.kv.harness.KvCall;
import io.github.kvkit.validator.cases.ArraySpec;
import io.github.kvkit.validator.cases.TestCase;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a kv-attention {@link TestCase} into a {@link KvPlan}: generates every array from the case's seed, expands
 * repeated steps, and adds the calls the black-box checks need (the uncached equivalent of each cached
 * step, and each causal step again with its future tokens changed).
 *
 * <p>In a repeated step only some instances are checked in full (the 1st, 2nd, 4th, 8th, ... and the
 * last): the others send back just the cache rows they appended, which keeps a 1k-token decode linear
 * in time and memory instead of quadratic.
 */
public final class KvPlanner {

    private static final String[] WEIGHT_NAMES = {"wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo"};

    private KvPlanner() {
    }

    public static KvPlan plan(TestCase tc) {
        return new Builder(tc).build();
    }

    private static final class Builder {
        private final TestCase tc;
        private final KvCaseBody body;
        private final DataType type;
        private final List<KvCall> calls = new ArrayList<>();
        private final List<CallRole> roles = new ArrayList<>();
        /** For each forward step call: its key and value arrays and the call its cache came from. */
        private final Map<Integer, INDArray[]> history = new HashMap<>();
        private final Map<Integer, Integer> cameFrom = new HashMap<>();
        private final Map<String, Integer> stepCalls = new HashMap<>();
        private int latestStep = -1;
        private int references = 0;

        Builder(TestCase tc) {
            this.tc = tc;
            this.body = KvCaseBody.of(tc);
            this.type = tc.dtype().nd4j();
        }

        KvPlan build() {
            AttentionWeights weights = weights();
            add(new KvCall.Construct(0, body.dModel(), body.numHeads(), body.maxCacheLen(), false),
                    role(CallRole.Kind.CONSTRUCT, "construct", -1, 0, "", -1));
            add(new KvCall.LoadWeights(1, toArray(weights), false),
                    role(CallRole.Kind.LOAD_WEIGHTS, "loadWeights", -1, 0, "", -1));
            for (Step step : body.steps()) {
                if (step instanceof Step.Forward f) {
                    forward(f);
                } else if (step instanceof Step.RejectConstructor c) {
                    add(new KvCall.Construct(calls.size(), c.dModel(), c.numHeads(), c.maxCacheLen(), true),
                            role(CallRole.Kind.REJECT, c.name(), -1, 0, c.why(), -1));
                } else if (step instanceof Step.RejectWeights w) {
                    add(new KvCall.LoadWeights(calls.size(), w.shapes() == null ? null : wrongWeights(w, weights), true),
                            role(CallRole.Kind.REJECT, w.name(), -1, 0, w.why(), -1));
                } else {
                    rejectForward((Step.RejectForward) step);
                }
            }
            return KvPlan.of(tc, calls, roles, weights);
        }

        private void forward(Step.Forward f) {
            int from = cacheCall(f.cache());
            for (int r = 1; r <= f.repeat(); r++) {
                String name = f.repeat() == 1 ? f.name() : f.name() + "#" + r;
                boolean full = f.repeat() == 1 || r == f.repeat() || Integer.bitCount(r) == 1;
                INDArray query;
                INDArray key;
                INDArray value;
                if (f.attentionSelf()) {
                    query = f.query() != null ? fromSpec(f.query()) : generate(name + "/x", f.inputScale(),
                            f.batch(), f.queryLen(), body.dModel());
                    key = query;
                    value = query;
                } else {
                    query = f.query() != null ? fromSpec(f.query()) : generate(name + "/query", f.inputScale(),
                            f.batch(), f.queryLen(), body.dModel());
                    key = f.key() != null ? fromSpec(f.key()) : generate(name + "/key", f.inputScale(),
                            f.batch(), f.keyLen(), body.dModel());
                    value = f.value() != null ? fromSpec(f.value()) : generate(name + "/value", f.inputScale(),
                            f.batch(), f.keyLen(), body.dModel());
                }
                query = layout(query, f.layout());
                key = f.attentionSelf() ? query : layout(key, f.layout());
                value = f.attentionSelf() ? query : layout(value, f.layout());

                int index = calls.size();
                // an empty cache [B, 0, D] goes to the first instance only; later ones carry its result
                boolean empty = r == 1 && f.cache() instanceof CacheSpec.Empty;
                INDArray emptyKey = empty ? Nd4j.create(type, f.batch(), 0, body.dModel()) : null;
                INDArray emptyValue = empty ? Nd4j.create(type, f.batch(), 0, body.dModel()) : null;
                add(new KvCall.Forward(index, query, key, value, f.attentionSelf(), f.attentionSelf(), from, emptyKey,
                        emptyValue, f.causal(), full, false), role(CallRole.Kind.STEP, name, index, 0, "",
                        references++));
                history.put(index, new INDArray[] {key, value});
                cameFrom.put(index, from);
                stepCalls.put(name, index);
                if (full) {
                    derivedChecks(f, name, index, query, key, value, from, empty);
                }
                from = index;
                latestStep = index;
            }
            stepCalls.put(f.name(), latestStep);
        }

        /**
         * The uncached equivalent of a cached step, and the step with its future tokens changed. Each gets
         * arrays of its own (concatenations, perturbed copies, dups): a candidate that wrongly writes into
         * a step's inputs must be caught by inputs_unchanged alone, not also spoil these calls.
         */
        private void derivedChecks(Step.Forward f, String name, int index, INDArray query, INDArray key,
                                   INDArray value, int from, boolean emptyCache) {
            if (from >= 0 || emptyCache) {
                List<INDArray> keys = new ArrayList<>();
                List<INDArray> values = new ArrayList<>();
                for (int c = index; c >= 0; c = cameFrom.get(c)) {
                    keys.add(0, history.get(c)[0]);
                    values.add(0, history.get(c)[1]);
                }
                // dup: a concatenation of one array (a step after an empty cache) may be that array itself
                INDArray allKeys = Nd4j.concat(1, keys.toArray(INDArray[]::new)).dup();
                INDArray allValues = f.attentionSelf() ? allKeys : Nd4j.concat(1, values.toArray(INDArray[]::new)).dup();
                add(new KvCall.Forward(calls.size(), query.dup(), allKeys, allValues, false, false, -1, null, null,
                        f.causal(), true, false), role(CallRole.Kind.EQUIVALENCE, name, index, 0, "", -1));
            }
            int queryLen = f.queryLen();
            if (f.causal() && queryLen >= 2) {
                int keep = (queryLen + 1) / 2;                      // rows 0..keep-1 must not change
                int firstFutureKey = keep + (f.keyLen() - queryLen); // new-key index of the first key they cannot see
                if (firstFutureKey < f.keyLen()) {
                    INDArray newKey = perturbRows(key, firstFutureKey, name + "/perturbed-key", f.inputScale());
                    INDArray newValue = f.attentionSelf() ? newKey
                            : perturbRows(value, firstFutureKey, name + "/perturbed-value", f.inputScale());
                    INDArray newQuery = f.attentionSelf() ? newKey : query.dup();
                    add(new KvCall.Forward(calls.size(), newQuery, newKey, newValue, f.attentionSelf(), f.attentionSelf(),
                                    from, emptyCache ? Nd4j.create(type, f.batch(), 0, body.dModel()) : null,
                                    emptyCache ? Nd4j.create(type, f.batch(), 0, body.dModel()) : null, true, true, false),
                            role(CallRole.Kind.PERTURBED, name, index, keep, "", -1));
                }
            }
        }

        private void rejectForward(Step.RejectForward r) {
            int from = -1;
            INDArray cacheKey = null;
            INDArray cacheValue = null;
            if (r.cache() instanceof CacheSpec.Explicit e) {
                cacheKey = e.key() == null ? null : arrayOrGenerated(e.key(), r.name() + "/cache-key");
                cacheValue = e.value() == null ? null : arrayOrGenerated(e.value(), r.name() + "/cache-value");
            } else if (r.cache() instanceof CacheSpec.Empty) {
                long batch = r.query() == null ? 1 : r.query().shape()[0];
                cacheKey = Nd4j.create(type, batch, 0, body.dModel());
                cacheValue = Nd4j.create(type, batch, 0, body.dModel());
            } else {
                from = cacheCall(r.cache());
            }
            INDArray query = r.query() == null ? null : arrayOrGenerated(r.query(), r.name() + "/query");
            INDArray key = r.key() == null ? null : arrayOrGenerated(r.key(), r.name() + "/key");
            INDArray value = r.value() == null ? null : arrayOrGenerated(r.value(), r.name() + "/value");
            add(new KvCall.Forward(calls.size(), query, key, value, false, false, from, cacheKey, cacheValue, r.causal(),
                    true, true), role(CallRole.Kind.REJECT, r.name(), -1, 0, r.why(), -1));
        }

        private int cacheCall(CacheSpec cache) {
            if (cache instanceof CacheSpec.Carry) {
                return latestStep;
            }
            if (cache instanceof CacheSpec.FromStep s) {
                return stepCalls.get(s.stepName());
            }
            return -1;
        }

        private AttentionWeights weights() {
            INDArray[] w = new INDArray[8];
            for (int i = 0; i < 8; i++) {
                String name = WEIGHT_NAMES[i];
                if (body.weights() != null) {
                    w[i] = fromSpec(body.weights().get(name));
                } else {
                    long[] shape = name.startsWith("w") ? new long[] {body.dModel(), body.dModel()} : new long[] {body.dModel()};
                    double scale = (name.startsWith("w") ? 1.0 / Math.sqrt(body.dModel()) : 0.1) * body.weightScale();
                    w[i] = SeededArrays.uniform(tc.seed(), name, type, scale, shape);
                }
            }
            return new AttentionWeights(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]);
        }

        private INDArray[] wrongWeights(Step.RejectWeights r, AttentionWeights good) {
            INDArray[] w = toArray(good);
            for (int i = 0; i < 8; i++) {
                long[] shape = r.shapes().get(WEIGHT_NAMES[i]);
                w[i] = shape == null ? w[i].dup() : SeededArrays.uniform(tc.seed(), r.name() + "/" + WEIGHT_NAMES[i],
                        type, 0.1, shape);
            }
            return w;
        }

        private static INDArray[] toArray(AttentionWeights w) {
            return new INDArray[] {w.wq(), w.bq(), w.wk(), w.bk(), w.wv(), w.bv(), w.wo(), w.bo()};
        }

        private INDArray generate(String label, double scale, long... shape) {
            return SeededArrays.uniform(tc.seed(), label, type, scale, shape);
        }

        private INDArray fromSpec(ArraySpec spec) {
            return Nd4j.create(spec.values(), spec.shape(), DataType.DOUBLE).castTo(type);
        }

        private INDArray arrayOrGenerated(ArraySpec spec, String label) {
            return spec.isInline() ? fromSpec(spec) : generate(label, 1.0, spec.shape());
        }

        /** Rows {@code from..} of a [B, T, D] array replaced by fresh values; a new array. */
        private INDArray perturbRows(INDArray x, int from, String label, double scale) {
            INDArray copy = x.dup('c');
            long rows = x.size(1) - from;
            INDArray fresh = generate(label, scale, x.size(0), rows, x.size(2));
            copy.get(NDArrayIndex.all(), NDArrayIndex.interval(from, x.size(1)), NDArrayIndex.all()).assign(fresh);
            return copy;
        }

        /** The same values in 'c' order, 'f' order, or as a strided view into a wider array. */
        private static INDArray layout(INDArray x, String layout) {
            if (layout.equals("f")) {
                return x.dup('f');
            }
            if (layout.equals("view")) {
                long d = x.size(2);
                INDArray wide = Nd4j.zeros(x.dataType(), x.size(0), x.size(1), d + 2);
                INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, d + 1));
                view.assign(x);
                return view;
            }
            return x;
        }

        private static CallRole role(CallRole.Kind kind, String step, int stepCall, int rows, String why,
                                     int reference) {
            return new CallRole(kind, step, stepCall, rows, why, reference);
        }

        private void add(KvCall call, CallRole role) {
            calls.add(call);
            roles.add(role);
        }
    }
}
