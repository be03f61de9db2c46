package io.github.kvkit.tracks.llama.observe;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.llama.BlockConfig;
import io.github.kvkit.tracks.llama.cases.LlamaCaseBody;
import io.github.kvkit.tracks.llama.judge.LlamaRun;
import io.github.kvkit.validator.cases.Tolerance;

/**
 * What the observer knows of a case's block: its sizes, RoPE's angle per position of each feature pair, the inverse
 * of the output projection (to turn an output back into each head's part), and how close two numbers computed from
 * the candidate's results must be to count as equal: looser than the case's tolerance, since they come out of an
 * inverse and a least-squares fit.
 */
final class Block {

    /** Above this width the inverse of the output projection costs more than diagnose should spend. */
    private static final int MAX_INVERTED = 256;

    final int heads;
    final int kvHeads;
    final int headDim;
    final int group;
    final int maxSeqLen;
    final double[] omega;
    final Tolerance tol;
    /** The relative error of a head's output, or a fit's residual, below which it counts as exact. */
    final double rel;
    /** How far a weight, or a sum of weights, may be from another and still count as equal. */
    final double eps;
    private final Tensor wo;
    private double[] woInverse;
    private boolean inverted;

    Block(LlamaRun run) {
        BlockConfig c = LlamaCaseBody.of(run.plan().testCase()).config();
        this.heads = c.numHeads();
        this.kvHeads = c.numKvHeads();
        this.headDim = c.numHeads() > 0 ? c.dModel() / c.numHeads() : 0;
        this.group = c.numKvHeads() > 0 ? Math.max(1, c.numHeads() / c.numKvHeads()) : 1;
        this.maxSeqLen = c.maxSeqLen();
        this.omega = new double[headDim / 2];
        for (int i = 0; i < omega.length; i++) {
            omega[i] = Math.pow(c.ropeTheta(), -2.0 * i / headDim);
        }
        this.tol = run.tol();
        boolean doubles = run.plan().testCase().dtype().nd4j() == org.nd4j.linalg.api.buffer.DataType.DOUBLE;
        this.rel = doubles ? 1e-7 : 1e-2;
        this.eps = doubles ? 1e-6 : 1e-2;
        this.wo = run.plan().weights() == null || run.plan().weights().wo() == null ? null
                : Tensor.of(run.plan().weights().wo());
    }

    /** The kv head query head {@code h} reads. */
    int kvHeadOf(int h) {
        return h / group;
    }

    /** {@code wo}'s inverse, row-major {@code [D, D]}, or null when it is not square, too large or singular. */
    double[] woInverse() {
        if (!inverted) {
            inverted = true;
            if (wo != null && wo.shape().length == 2 && wo.shape()[0] == wo.shape()[1] && wo.shape()[0] <= MAX_INVERTED
                    && wo.shape()[0] == (long) heads * headDim) {
                woInverse = Algebra.inverse(wo.values(), (int) wo.shape()[0]);
            }
        }
        return woInverse;
    }

    int width() {
        return heads * headDim;
    }
}
