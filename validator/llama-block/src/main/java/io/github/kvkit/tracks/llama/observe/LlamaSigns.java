package io.github.kvkit.tracks.llama.observe;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.llama.harness.LlamaResult;
import io.github.kvkit.tracks.llama.judge.LlamaRun;
import io.github.kvkit.tracks.llama.judge.Positions;
import io.github.kvkit.tracks.llama.plan.LlamaRole;
import io.github.kvkit.tracks.llama.plan.Sequence;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.judge.Format;
import io.github.kvkit.validator.observe.Sign;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a llama-block run shows beyond the checks' verdicts, call by call: for each forward step, and for each
 * sequence fed again as one call and one token at a time, whether the output deviates from the reference's and
 * what that points at (the residual missing, the attention adding nothing, which heads are wrong, the attention
 * weights read back from the output: summing to 1 over the queries, scores scaled, another kv head's values or
 * positions past the ones written), and what the call wrote into the cache (nothing, or the reference's keys and
 * values rotated backwards, by their index in the call instead of their position, values rotated too, a reshape
 * for a permutation, each token scaled, positions outside its own changed). Keys name the case, the step and the
 * property, never a value, so that a bug's fingerprint matches a later run exactly.
 */
final class LlamaSigns {

    /** The error left when the output is taken for the reference's without x, relative to x, to say x was not added. */
    private static final double RESIDUAL_SHARE = 0.25;

    private LlamaSigns() {
    }

    /**
     * One forward call with what it should have given.
     *
     * @param x         {@code [B, T, D]}
     * @param want      the reference's output {@code [B, T, D]}
     * @param wantKeys  the reference's keys at positions {@code pos .. pos+T-1}, {@code [B, KvH, T, Dh]}
     * @param before    the candidate's cache key and value before the call, or null when unknown
     * @param refValues the reference's value cache once the sequence is done, {@code [B, KvH, S, Dh]}
     */
    private record View(int call, LlamaResult got, Tensor x, int pos, int tokens, Tensor want, Tensor wantKeys,
                        Tensor wantValues, Tensor[] before, Tensor refValues) {
    }

    /** The reference's results over a whole sequence: outputs by position, and its caches once the sequence is done. */
    private record Reference(Tensor output, Tensor key, Tensor value) {

        static Reference of(LlamaRun run, Sequence s) {
            Tensor key = Tensor.of(s.initialKey());
            Tensor value = Tensor.of(s.initialValue());
            double[] k = key.values().clone();
            double[] v = value.values().clone();
            List<Tensor> outputs = new ArrayList<>();
            for (int i : s.steps()) {
                LlamaRole role = run.role(i);
                write(k, key.shape(), run.expected(i).newKeys(), role.pos());
                write(v, value.shape(), run.expected(i).newValues(), role.pos());
                outputs.add(run.expected(i).output());
            }
            return new Reference(join(outputs), new Tensor(key.shape(), "DOUBLE", k),
                    new Tensor(value.shape(), "DOUBLE", v));
        }

        private static void write(double[] cache, long[] shape, Tensor block, int pos) {
            long[] b = block.shape();
            int dh = (int) shape[3];
            for (int row = 0; row < b[0] * b[1]; row++) {
                for (int t = 0; t < b[2]; t++) {
                    System.arraycopy(block.values(), (int) ((row * b[2] + t) * dh), cache,
                            (int) ((row * shape[2] + pos + t) * dh), dh);
                }
            }
        }

        /** Outputs {@code [B, T_i, D]} joined along the tokens. */
        private static Tensor join(List<Tensor> parts) {
            long[] s = parts.get(0).shape();
            long tokens = parts.stream().mapToLong(p -> p.shape()[1]).sum();
            double[] out = new double[(int) (s[0] * tokens * s[2])];
            long offset = 0;
            for (Tensor p : parts) {
                long len = p.shape()[1];
                for (int b = 0; b < s[0]; b++) {
                    System.arraycopy(p.values(), (int) (b * len * s[2]), out, (int) ((b * tokens + offset) * s[2]),
                            (int) (len * s[2]));
                }
                offset += len;
            }
            return new Tensor(new long[] {s[0], tokens, s[2]}, "DOUBLE", out);
        }
    }

    static List<Sign> of(LlamaRun run) {
        Block blk = new Block(run);
        String name = run.plan().testCase().name();
        List<Sign> signs = new ArrayList<>();
        Map<String, Sign> routes = new LinkedHashMap<>();
        String firstDeviation = null;
        for (Sequence s : run.plan().sequences()) {
            Reference ref;
            try {
                ref = Reference.of(run, s);
            } catch (RuntimeException e) {
                continue;     // frozen results of another shape: nothing to compare with
            }
            for (int i : s.steps()) {
                LlamaRole role = run.role(i);
                View v = new View(i, run.result(i), Tensor.of(run.forward(i).x()), role.pos(), role.tokens(),
                        run.expected(i).output(), run.expected(i).newKeys(), run.expected(i).newValues(), run.before(i),
                        ref.value());
                String where = name + "/" + role.stepName();
                List<Sign> step = call(blk, run, v, where, "in case " + name + ", step " + role.stepName() + " ("
                        + positions(role.pos(), role.tokens()) + "), ");
                if (!step.isEmpty() && firstDeviation == null) {
                    firstDeviation = role.stepName();
                    signs.add(Sign.of("first-deviation:" + role.stepName(), name, "in case " + name + ", the results "
                            + "are right " + (i == s.steps().get(0) && s.id() == 0 ? "nowhere: the first step, "
                            + role.stepName() + ", already deviates" : "until step " + role.stepName())));
                }
                signs.addAll(step);
            }
            Tensor[] initial = {Tensor.of(s.initialKey()), Tensor.of(s.initialValue())};
            int total = (int) ref.output().shape()[1];
            if (s.prefill() >= 0) {
                int i = s.prefill();
                View v = new View(i, run.result(i), Tensor.of(run.forward(i).x()), s.start(), total, ref.output(),
                        Positions.of(ref.key(), s.start(), total), Positions.of(ref.value(), s.start(), total), initial,
                        ref.value());
                for (Sign x : call(blk, run, v, name + "/" + s.name() + ":as-one-call", "in case " + name + ", the "
                        + "sequence from step " + s.name() + " fed as one call (" + positions(s.start(), total) + "), ")) {
                    routes.putIfAbsent(x.key(), x);
                }
            }
            Tensor[] before = initial;
            for (int i : s.oneByOne()) {
                int p = run.role(i).pos();
                View v = new View(i, run.result(i), Tensor.of(run.forward(i).x()), p, 1,
                        Positions.tokens(ref.output(), p - s.start(), 1), Positions.of(ref.key(), p, 1),
                        Positions.of(ref.value(), p, 1), before, ref.value());
                for (Sign x : call(blk, run, v, name + "/" + s.name() + ":one-token-at-a-time", "in case " + name
                        + ", the sequence from step " + s.name() + " fed one token at a time (first at position " + p
                        + "), ")) {
                    routes.putIfAbsent(x.key(), x);
                }
                LlamaResult r = run.result(i);
                before = r == null || r.cacheKey() == null || r.cacheValue() == null ? null
                        : new Tensor[] {r.cacheKey(), r.cacheValue()};
            }
        }
        signs.addAll(routes.values());
        return signs;
    }

    /** {@code "positions 4..6"} or {@code "position 4"}. */
    static String positions(int pos, int tokens) {
        return tokens == 1 ? "position " + pos : "positions " + pos + ".." + (pos + tokens - 1);
    }

    /** The signs of one forward call; none when it gave the reference's output and wrote the reference's cache. */
    private static List<Sign> call(Block blk, LlamaRun run, View v, String where, String in) {
        List<Sign> signs = new ArrayList<>();
        LlamaResult got = v.got();
        if (got == null) {
            signs.add(Sign.of("no-result", where, in + "the call " + run.describe(v.call())));
            return signs;
        }
        Tolerance tol = blk.tol;
        Tensor out = got.output();
        if (!Arrays.equals(out.shape(), v.want().shape())) {
            signs.add(Sign.of("output-shape", where, in + "the output has shape " + out.shapeString() + ", expected "
                    + v.want().shapeString()));
        } else if (!Comparison.of(out, v.want(), tol).passed()) {
            signs.add(Sign.of("output-deviates", where, in + "the output differs from the reference's"
                    + firstBadPosition(out, v.want(), tol, v.pos())));
            signs.addAll(attention(blk, v, where, in));
        }
        signs.addAll(cache(blk, v, where, in));
        return dedupe(signs);
    }

    /** What the deviating output shows about the attention: the residual, the heads, the weights read back. */
    private static List<Sign> attention(Block blk, View v, String where, String in) {
        List<Sign> signs = new ArrayList<>();
        double[] x = v.x().values();
        double[] got = v.got().output().values();
        double[] want = v.want().values();
        if (x.length != got.length) {
            return signs;
        }
        double[] attnRef = new double[x.length];
        double[] attnGot = new double[x.length];
        double nothing = 0;
        double reference = 0;
        double withoutX = 0;
        double normX = 0;
        for (int k = 0; k < x.length; k++) {
            attnRef[k] = want[k] - x[k];
            attnGot[k] = got[k] - x[k];
            nothing = Math.max(nothing, Math.abs(attnGot[k]));
            reference = Math.max(reference, Math.abs(attnRef[k]));
            withoutX += (got[k] - attnRef[k]) * (got[k] - attnRef[k]);
            normX += x[k] * x[k];
        }
        if (!Double.isFinite(nothing)) {
            signs.add(Sign.of("output-not-finite", where, in + "the output holds NaN or infinite values"));
            return signs;
        }
        if (nothing <= tol(blk) && reference > 10 * tol(blk)) {
            signs.add(Sign.of("attention-adds-nothing", where, in + "the output is x unchanged: the attention added "
                    + "nothing to it (its output projection, or what it projects, is zero)"));
            return signs;
        }
        if (normX > 0 && Math.sqrt(withoutX) <= RESIDUAL_SHARE * Math.sqrt(normX)) {
            signs.add(Sign.of("residual-missing", where, in + "the output is close to the reference's without x: the "
                    + "residual x is not added back"));
            attnGot = got;
            double left = 0;
            for (double a : attnGot) {
                left = Math.max(left, Math.abs(a));
            }
            if (left <= tol(blk) && reference > 10 * tol(blk)) {
                signs.add(Sign.of("attention-adds-nothing", where, in + "the output is all zeros: neither x nor the "
                        + "attention is in it (its output projection, or what it projects, is zero)"));
                return signs;
            }
        }
        int batch = (int) v.x().shape()[0];
        Heads.Finding f = Heads.of(blk, attnGot, attnRef, batch, v.tokens(), v.pos(), v.got().cacheValue(),
                v.refValues());
        if (f.notAMix && attnGot != got) {
            // no head's output is a mix of values with x taken out: perhaps x was never added
            Heads.Finding without = Heads.of(blk, got, attnRef, batch, v.tokens(), v.pos(), v.got().cacheValue(),
                    v.refValues());
            if (!without.notAMix && (without.weightsKnown || without.otherKvHead != null || without.readsUnwritten)) {
                signs.add(Sign.of("residual-missing", where, in + "each head's output is a mix of the values only "
                        + "once x is not taken out of the output: the residual x is not added back"));
                f = without;
            }
        }
        if (!f.deviating.isEmpty() && !f.weightsKnown && f.otherKvHead == null) {
            signs.add(Sign.of("some-heads-deviate", where, in + "the output of heads " + f.deviating + " differs from "
                    + "the reference's while the other heads' do not"));
        }
        if (f.otherKvHead != null) {
            signs.add(Sign.of("head-reads-another-kv-head", where, in + "query head " + f.otherKvHead[0] + " mixes the "
                    + "values of kv head " + f.otherKvHead[1] + "; with " + blk.heads + " query heads sharing " + blk.kvHeads
                    + " kv heads it should read kv head " + f.otherKvHead[2]));
        }
        if (f.readsUnwritten) {
            signs.add(Sign.of("reads-unwritten-positions", where, in + "a query mixes values from cache positions "
                    + "after the last one written so far: the attention reads the whole cache"));
        }
        if (f.notAMix && f.otherKvHead == null && !f.readsUnwritten) {
            signs.add(Sign.of("not-a-mix-of-cached-values", where, in + "a head's output is no weighted mix of the "
                    + "values in the cache: look at the values, the merging of the heads, or the output projection"));
        }
        if (f.weightsKnown) {
            if (f.weightsRight) {
                signs.add(Sign.of("weights-right-output-wrong", where, in + "the attention weights, read back from the "
                        + "output, are the reference's, but the values they mix are not: look at the values"));
            } else if (!f.rowsSumToOne && f.columnsSumToOne) {
                signs.add(Sign.of("weights-sum-over-queries", where, in + "the attention weights, read back from the "
                        + "output, sum to 1 over the queries instead of over the keys: the softmax normalises the wrong axis"));
                if (!Double.isNaN(f.scoreFactor)) {
                    signs.add(Sign.of(f.scoreFactor > 1 ? "scores-scaled-up" : "scores-scaled-down", where, in + "the "
                            + "attention weights, read back from the output, come from the reference's scores times "
                            + Format.number(f.scoreFactor) + ": every score is scaled by the same wrong factor"));
                }
            } else if (!f.rowsSumToOne) {
                signs.add(Sign.of("weights-do-not-sum-to-one", where, in + "the attention weights, read back from the "
                        + "output, do not sum to 1 over the keys"));
            } else if (!Double.isNaN(f.scoreFactor)) {
                signs.add(Sign.of(f.scoreFactor > 1 ? "scores-scaled-up" : "scores-scaled-down", where, in + "the "
                        + "attention weights, read back from the output, are those of the reference's scores times "
                        + Format.number(f.scoreFactor) + ": every score is scaled by the same wrong factor"));
            } else {
                signs.add(Sign.of("weights-deviate", where, in + "the attention weights, read back from the output, "
                        + "differ from the reference's: look at the queries, the keys or their rotation"));
            }
        }
        return signs;
    }

    private static double tol(Block blk) {
        return Math.max(blk.tol.atol(), 1e-6);
    }

    /** What the call wrote into the cache, against the reference's keys and values at its positions. */
    private static List<Sign> cache(Block blk, View v, String where, String in) {
        List<Sign> signs = new ArrayList<>();
        LlamaResult got = v.got();
        Tensor[] after = {got.cacheKey(), got.cacheValue()};
        Tensor[] want = {v.wantKeys(), v.wantValues()};
        String[] part = {"keys", "values"};
        boolean notWritten = false;
        for (int p = 0; p < 2; p++) {
            if (after[p] == null || want[p] == null) {
                continue;
            }
            Tensor written = Positions.of(after[p], v.pos(), v.tokens());
            if (written == null || !Arrays.equals(written.shape(), want[p].shape())) {
                signs.add(Sign.of("cache-shape", where, in + "the cache has shape " + after[p].shapeString()));
                continue;
            }
            if (Comparison.of(written, want[p], blk.tol).passed()) {
                continue;
            }
            Tensor held = v.before() == null ? null : Positions.of(v.before()[p], v.pos(), v.tokens());
            if (held != null && Arrays.equals(held.values(), written.values())) {
                notWritten = true;
                continue;
            }
            signs.add(Sign.of("cache-" + part[p] + "-deviate", where, in + "the " + part[p] + " written into the cache "
                    + "differ from the reference's"));
            CacheFit.Fit fit = CacheFit.find(written, want[p], p == 0, v.pos(), blk.omega, blk.tol);
            if (fit != null) {
                signs.addAll(named(fit, p == 0, where, in));
            }
        }
        if (notWritten) {
            signs.add(Sign.of("cache-not-written", where, in + "the call did not write its " + positions(v.pos(), v.tokens())
                    + " of the cache: they still hold what they held before"));
        }
        if (v.before() != null) {
            for (int p = 0; p < 2; p++) {
                if (after[p] != null && changedElsewhere(v.before()[p], after[p], v.pos(), v.tokens())) {
                    signs.add(Sign.of("cache-changed-elsewhere", where, in + "the call changed cache positions other "
                            + "than its own " + positions(v.pos(), v.tokens())));
                    break;
                }
            }
        }
        return signs;
    }

    /** The signs that name how the written keys or values differ. */
    private static List<Sign> named(CacheFit.Fit fit, boolean keys, String where, String in) {
        List<Sign> signs = new ArrayList<>();
        String part = keys ? "keys" : "values";
        CacheFit.Rotation r = fit.rotation();
        if (keys && r == CacheFit.Rotation.NONE) {
            signs.add(Sign.of("keys-not-rotated", where, in + "the keys written into the cache are not rotated (RoPE)"));
        }
        if (!keys && r != CacheFit.Rotation.NONE) {
            signs.add(Sign.of("values-rotated", where, in + "the values written into the cache are rotated like the "
                    + "keys: RoPE turns queries and keys only"));
        }
        if (r.backward()) {
            signs.add(Sign.of(part + "-rotated-backwards", where, in + "the " + part + " written into the cache are "
                    + "rotated the other way: each pair turns by -θ"));
        }
        if (r.inCall()) {
            signs.add(Sign.of(part + "-rotated-by-index-in-call", where, in + "the " + part + " written into the cache "
                    + "are rotated by their index in this call instead of their absolute position: positions restart "
                    + "at 0 in every call"));
        }
        if (fit.reshaped()) {
            signs.add(Sign.of("cache-layout-reshaped", where, in + "the " + part + " written into the cache are the "
                    + "reference's in another order: [B, T, KvH, Dh] reshaped to [B, KvH, T, Dh] instead of permuted"));
        }
        if (fit.scaled()) {
            signs.add(Sign.of("cache-rows-scaled", where, in + "each token's " + part + " in the cache are the "
                    + "reference's times a factor of the token's own: the normalisation before the projections differs"
                    + " (its epsilon?)"));
        }
        return signs;
    }

    private static boolean changedElsewhere(Tensor before, Tensor after, int pos, int tokens) {
        return Arrays.equals(before.shape(), after.shape()) && after.shape().length == 4
                && Positions.firstChangedOutside(before, after, pos, tokens) >= 0;
    }

    /** ", first at position p" (absolute), or empty. */
    private static String firstBadPosition(Tensor got, Tensor want, Tolerance tol, int pos) {
        if (got.shape().length != 3) {
            return "";
        }
        long tokens = got.shape()[1];
        long d = got.shape()[2];
        for (int t = 0; t < tokens; t++) {
            for (int b = 0; b < got.shape()[0]; b++) {
                for (int j = 0; j < d; j++) {
                    int at = (int) ((b * tokens + t) * d + j);
                    if (!tol.close(got.values()[at], want.values()[at])) {
                        return ", first at position " + (pos + t) + (t == 0 ? "" : " (the positions before it are right)");
                    }
                }
            }
        }
        return "";
    }

    private static List<Sign> dedupe(List<Sign> signs) {
        Map<String, Sign> out = new LinkedHashMap<>();
        signs.forEach(s -> out.putIfAbsent(s.key(), s));
        return new ArrayList<>(out.values());
    }
}
