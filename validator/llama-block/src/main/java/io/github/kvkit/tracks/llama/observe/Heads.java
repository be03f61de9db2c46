package io.github.kvkit.tracks.llama.observe;

import io.github.kvkit.harness.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * What each head did in one call, read back from its output. The output projection is square and (for the cases'
 * random weights) invertible, so {@code (output - x) · wo⁻¹} is the heads' outputs side by side; a head's output at
 * a query is a mix of the values it read, so when the head reads fewer positions than it has dimensions, a least-squares
 * fit against the values in the candidate's own cache gives back the attention weights it used, or shows that it read
 * another kv head's values or positions it should not see.
 */
final class Heads {

    /** What was found, as short names; the caller words them. */
    static final class Finding {
        /** The heads whose output deviates from the reference's, when some do and others do not. */
        final List<Integer> deviating = new ArrayList<>();
        boolean anyDeviates;
        /** The weights could be read back for every query of every head. */
        boolean weightsKnown;
        boolean weightsRight;
        boolean rowsSumToOne = true;
        boolean columnsSumToOne = true;
        /** The factor the reference's scores were multiplied by, or NaN. */
        double scoreFactor = Double.NaN;
        /** A head that reads another kv head's values: {@code {query head, kv head read, kv head expected}}. */
        int[] otherKvHead;
        /** A query read cache positions past the last one written. */
        boolean readsUnwritten;
        /** A query's output is no mix of the values it could have read. */
        boolean notAMix;
    }

    private Heads() {
    }

    /**
     * @param attnGot  the candidate's output less the residual, {@code [B, T, D]} flat
     * @param attnRef  the reference's, the same shape
     * @param values   the candidate's value cache after the call, {@code [B, KvH, S, Dh]}, or null
     * @param refValues the reference's value cache after the sequence, {@code [B, KvH, S, Dh]}
     */
    static Finding of(Block blk, double[] attnGot, double[] attnRef, int batch, int tokens, int pos, Tensor values,
                      Tensor refValues) {
        Finding f = new Finding();
        double[] inv = blk.woInverse();
        int d = blk.width();
        if (inv == null || attnGot.length != batch * tokens * d) {
            return f;
        }
        double[][] ctxGot = contexts(attnGot, inv, batch * tokens, d);
        double[][] ctxRef = contexts(attnRef, inv, batch * tokens, d);
        int dh = blk.headDim;
        boolean[] bad = new boolean[blk.heads];
        for (int h = 0; h < blk.heads; h++) {
            double largest = 0;
            double worst = 0;
            for (int row = 0; row < batch * tokens; row++) {
                for (int j = h * dh; j < (h + 1) * dh; j++) {
                    largest = Math.max(largest, Math.abs(ctxRef[row][j]));
                    double e = Math.abs(ctxGot[row][j] - ctxRef[row][j]);
                    worst = Double.isNaN(e) ? Double.POSITIVE_INFINITY : Math.max(worst, e);
                }
            }
            bad[h] = worst > blk.rel * Math.max(largest, 1e-300) + 1e-300;
            f.anyDeviates |= bad[h];
        }
        boolean all = true;
        for (boolean b : bad) {
            all &= b;
        }
        for (int h = 0; h < blk.heads && !all; h++) {
            if (bad[h]) {
                f.deviating.add(h);
            }
        }
        if (!f.anyDeviates || values == null || !java.util.Arrays.equals(values.shape(), refValues.shape())
                || pos + tokens >= dh) {
            return f;     // with as many positions as dimensions, any output is a mix of the values: nothing to learn
        }
        weights(blk, f, ctxGot, ctxRef, batch, tokens, pos, values, refValues);
        return f;
    }

    /** Each row of {@code attn} times {@code inv}: the heads' outputs, {@code [rows][D]}. */
    private static double[][] contexts(double[] attn, double[] inv, int rows, int d) {
        double[][] out = new double[rows][d];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < d; i++) {
                double a = attn[r * d + i];
                if (a != 0) {
                    for (int j = 0; j < d; j++) {
                        out[r][j] += a * inv[i * d + j];
                    }
                }
            }
        }
        return out;
    }

    /**
     * Reads back the weights each query of each head gave the positions it may see, from its output and the values in
     * the candidate's own cache (so that a wrong value written there does not hide the weights), and the reference's
     * the same way; then what they show.
     */
    private static void weights(Block blk, Finding f, double[][] ctxGot, double[][] ctxRef, int batch, int tokens,
                                int pos, Tensor values, Tensor refValues) {
        int dh = blk.headDim;
        double fit = 10 * blk.rel;
        double[][] got = new double[batch * blk.heads * tokens][];
        double[][] want = new double[batch * blk.heads * tokens][];
        boolean known = true;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < blk.heads; h++) {
                int g = blk.kvHeadOf(h);
                for (int t = 0; t < tokens; t++) {
                    int seen = pos + t + 1;
                    double[] c = slice(ctxGot[b * tokens + t], h * dh, dh);
                    double[] a = Algebra.leastSquares(rows(values, b, g, seen), c);
                    double[] r = Algebra.leastSquares(rows(refValues, b, g, seen), slice(ctxRef[b * tokens + t], h * dh, dh));
                    if (r == null || !(r[seen] <= fit)) {
                        known = false;
                        continue;
                    }
                    if (a != null && a[seen] <= fit) {
                        got[(b * blk.heads + h) * tokens + t] = java.util.Arrays.copyOf(a, seen);
                        want[(b * blk.heads + h) * tokens + t] = java.util.Arrays.copyOf(r, seen);
                        continue;
                    }
                    known = false;
                    boolean other = false;
                    for (int o = 0; o < blk.kvHeads && !other; o++) {
                        double[] fitted = o == g ? null : Algebra.leastSquares(rows(values, b, o, seen), c);
                        if (fitted != null && fitted[seen] <= fit) {
                            other = true;
                            f.otherKvHead = f.otherKvHead == null ? new int[] {h, o, g} : f.otherKvHead;
                        }
                    }
                    if (other) {
                        continue;
                    }
                    // positions past the last one written: with this head's kv head, or (both mistakes) another's
                    boolean beyond = false;
                    for (int o = 0; o < blk.kvHeads && !beyond && blk.maxSeqLen < dh && blk.maxSeqLen > seen; o++) {
                        int kv = (g + o) % blk.kvHeads;
                        double[] all = Algebra.leastSquares(rows(values, b, kv, blk.maxSeqLen), c);
                        if (all != null && all[blk.maxSeqLen] <= fit) {
                            beyond = true;
                            f.readsUnwritten = true;
                            if (kv != g && f.otherKvHead == null) {
                                f.otherKvHead = new int[] {h, kv, g};
                            }
                        }
                    }
                    f.notAMix |= !beyond;
                }
            }
        }
        f.weightsKnown = known;
        if (!known) {
            return;
        }
        f.weightsRight = true;
        for (int m = 0; m < batch * blk.heads; m++) {
            double[] columns = new double[pos + tokens];
            for (int t = 0; t < tokens; t++) {
                double[] a = got[m * tokens + t];
                double[] r = want[m * tokens + t];
                double sum = 0;
                for (int j = 0; j < a.length; j++) {
                    sum += a[j];
                    columns[j] += a[j];
                    f.weightsRight &= Math.abs(a[j] - r[j]) <= blk.eps;
                }
                f.rowsSumToOne &= Math.abs(sum - 1) <= blk.eps;
            }
            for (double c : columns) {
                f.columnsSumToOne &= Math.abs(c - 1) <= blk.eps;
            }
        }
        if (!f.weightsRight && f.rowsSumToOne) {
            f.scoreFactor = scoreFactor(got, want);
        } else if (!f.rowsSumToOne && f.columnsSumToOne && tokens > 2) {
            f.scoreFactor = columnScoreFactor(got, want, batch * blk.heads, tokens);
        }
    }

    /**
     * The same factor for weights normalised over the queries instead of the keys: there each log-weight is the
     * score times the factor less a term per query (its row's maximum) and a term per key (its column's sum), so the
     * factor is fitted after taking out both, matrix by matrix ({@code matrices} of {@code tokens} queries, query
     * {@code t} seeing one position more than query {@code t-1}). NaN when no factor fits or it is 1 (the softmax's
     * axis alone is wrong).
     */
    private static double columnScoreFactor(double[][] got, double[][] want, int matrices, int tokens) {
        double ab = 0;
        double bb = 0;
        double aa = 0;
        List<double[]> pairs = new ArrayList<>();
        int dof = 0;
        for (int m = 0; m < matrices; m++) {
            int keys = got[m * tokens + tokens - 1].length;
            double[][] x = new double[tokens][keys];
            double[][] y = new double[tokens][keys];
            boolean[][] in = new boolean[tokens][keys];
            for (int t = 0; t < tokens; t++) {
                double[] a = got[m * tokens + t];
                double[] r = want[m * tokens + t];
                for (int j = 0; j < a.length; j++) {
                    in[t][j] = a[j] > SMALLEST && r[j] > SMALLEST;
                    x[t][j] = in[t][j] ? Math.log(a[j]) : 0;
                    y[t][j] = in[t][j] ? Math.log(r[j]) : 0;
                }
            }
            int entries = 0;
            boolean[] usedRow = new boolean[tokens];
            boolean[] usedCol = new boolean[keys];
            for (int t = 0; t < tokens; t++) {
                for (int j = 0; j < keys; j++) {
                    if (in[t][j]) {
                        entries++;
                        usedRow[t] = true;
                        usedCol[j] = true;
                    }
                }
            }
            int terms = count(usedRow) + count(usedCol) - 1;
            if (entries - terms < 2) {
                continue;     // too few weights left once each query's and each key's term is taken out
            }
            dof += entries - terms;
            demeanTwoWays(x, in);
            demeanTwoWays(y, in);
            for (int t = 0; t < tokens; t++) {
                for (int j = 0; j < keys; j++) {
                    if (in[t][j]) {
                        pairs.add(new double[] {x[t][j], y[t][j]});
                        ab += x[t][j] * y[t][j];
                        bb += y[t][j] * y[t][j];
                        aa += x[t][j] * x[t][j];
                    }
                }
            }
        }
        if (dof < 3 || !(bb > 1e-12) || !(aa > 1e-12)) {
            return Double.NaN;
        }
        double c = ab / bb;
        double residual = 0;
        for (double[] p : pairs) {
            residual += (p[0] - c * p[1]) * (p[0] - c * p[1]);
        }
        return residual <= SCALE_FIT * aa && Math.abs(c - 1) > SCALE_TOLERANCE ? c : Double.NaN;
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }

    /** Takes out of {@code v} (where {@code in}) a term per row and a term per column, by alternating means. */
    private static void demeanTwoWays(double[][] v, boolean[][] in) {
        for (int round = 0; round < 200; round++) {
            double moved = Math.max(demean(v, in, true), demean(v, in, false));
            if (moved < 1e-13) {
                return;
            }
        }
    }

    /** Takes each row's mean (or each column's) over its cells in {@code in} out of them; returns the largest mean. */
    private static double demean(double[][] v, boolean[][] in, boolean byRow) {
        int lines = byRow ? v.length : v[0].length;
        int cells = byRow ? v[0].length : v.length;
        double moved = 0;
        for (int l = 0; l < lines; l++) {
            double sum = 0;
            int n = 0;
            for (int c = 0; c < cells; c++) {
                int t = byRow ? l : c;
                int j = byRow ? c : l;
                if (in[t][j]) {
                    sum += v[t][j];
                    n++;
                }
            }
            for (int c = 0; c < cells && n > 0; c++) {
                int t = byRow ? l : c;
                int j = byRow ? c : l;
                if (in[t][j]) {
                    v[t][j] -= sum / n;
                }
            }
            moved = Math.max(moved, n > 0 ? Math.abs(sum / n) : 0);
        }
        return moved;
    }

    /** {@code count} rows of kv head {@code g} of batch row {@code b} of a cache {@code [B, KvH, S, Dh]}, from position 0. */
    private static double[][] rows(Tensor cache, int b, int g, int count) {
        long[] s = cache.shape();
        if (count > s[2]) {
            return new double[0][];
        }
        int dh = (int) s[3];
        double[][] out = new double[count][];
        for (int p = 0; p < count; p++) {
            int at = (int) (((b * s[1] + g) * s[2] + p) * dh);
            out[p] = java.util.Arrays.copyOfRange(cache.values(), at, at + dh);
        }
        return out;
    }

    private static double[] slice(double[] v, int from, int length) {
        return java.util.Arrays.copyOfRange(v, from, from + length);
    }

    /** A score's factor below which, or above which, weights read back this way are too small to take a log of. */
    private static final double SMALLEST = 1e-9;
    /** The share of the log-weights' variance one factor must leave unexplained, at most, to call the scores scaled. */
    private static final double SCALE_FIT = 1e-6;
    /** A factor closer to 1 than this is no wrong scale (a slightly different normalisation shifts weights that little). */
    private static final double SCALE_TOLERANCE = 1e-3;

    /**
     * The factor {@code c} such that each query's log-weights, centred, are {@code c} times the reference's (the
     * softmax of the reference's scores times {@code c}), when one factor fits every query that gave weight to two
     * positions or more; NaN when none does.
     */
    private static double scoreFactor(double[][] got, double[][] want) {
        double ab = 0;
        double bb = 0;
        double aa = 0;
        List<double[]> pairs = new ArrayList<>();
        for (int q = 0; q < got.length; q++) {
            double[] a = got[q];
            double[] r = want[q];
            int n = 0;
            double meanA = 0;
            double meanB = 0;
            for (int j = 0; j < a.length; j++) {
                if (a[j] > SMALLEST && r[j] > SMALLEST) {
                    n++;
                    meanA += Math.log(a[j]);
                    meanB += Math.log(r[j]);
                }
            }
            if (n < 2) {
                continue;
            }
            meanA /= n;
            meanB /= n;
            for (int j = 0; j < a.length; j++) {
                if (a[j] > SMALLEST && r[j] > SMALLEST) {
                    double x = Math.log(a[j]) - meanA;
                    double y = Math.log(r[j]) - meanB;
                    pairs.add(new double[] {x, y});
                    ab += x * y;
                    bb += y * y;
                    aa += x * x;
                }
            }
        }
        if (bb == 0 || aa == 0) {
            return Double.NaN;
        }
        double c = ab / bb;
        double residual = 0;
        for (double[] p : pairs) {
            residual += (p[0] - c * p[1]) * (p[0] - c * p[1]);
        }
        return residual <= SCALE_FIT * aa && Math.abs(c - 1) > SCALE_TOLERANCE ? c : Double.NaN;
    }
}
