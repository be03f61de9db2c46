package io.github.kvkit.tracks.gpt.harness;

import io.github.kvkit.gpt.GptConfig;
import io.github.kvkit.harness.Arg;
import io.github.kvkit.harness.Call;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The tiny-gpt track's calls, as the engine's track-neutral {@link Call}s: the method names and argument orders
 * its planner writes and its executor reads. Token arrays travel flat ({@code [B·T]}) with their batch size.
 */
public final class GptCall {

    /** {@code new C(config)}; returns the candidate's initial {@code wpe}. Args: sizes, lr, wd, seed. */
    public static final String CONSTRUCT = "construct";
    /** Overwrites every parameter in place, in {@link GptParameters} order. */
    public static final String LOAD = "load";
    /** {@code logits(tokens)}: returns {@code logits}. Args: tokens, batch. */
    public static final String LOGITS = "logits";
    /** {@code loss(tokens)}: returns {@code loss}. Args: tokens, batch. */
    public static final String LOSS = "loss";
    /** {@code steps} × {@code trainStep(tokens)}: returns {@code losses} and every parameter after. */
    public static final String TRAIN = "train";
    /** A fresh model of the case's config trained {@code steps} times: returns {@code losses} and {@code final}. */
    public static final String OVERFIT = "overfit";
    /** The tokens fed through one {@code GptCache} in chunks: returns {@code logits}, {@code key0}, {@code value0}, {@code lengths}. */
    public static final String CACHED = "cached";
    /** {@code generate(prompt, n, useCache)}: returns {@code tokens} and {@code nanos}. */
    public static final String GENERATE = "generate";
    /** {@code logits(a, cache)} then {@code logits(b, cache)} with a batch of another size. */
    public static final String OTHER_BATCH = "otherBatch";

    private GptCall() {
    }

    public static Call construct(int index, GptConfig c) {
        return new Call(index, CONSTRUCT, List.of(new Arg.Ints(new int[] {c.vocabSize(), c.blockSize(), c.dModel(),
                c.numHeads(), c.numLayers()}), new Arg.Real(c.learningRate()), new Arg.Real(c.weightDecay()),
                new Arg.Real(c.seed())), false);
    }

    /** The config of a construct or overfit call. */
    public static GptConfig config(Call call) {
        int[] s = ((Arg.Ints) call.arg(0)).values();
        return new GptConfig(s[0], s[1], s[2], s[3], s[4], ((Arg.Real) call.arg(1)).value(),
                ((Arg.Real) call.arg(2)).value(), (long) ((Arg.Real) call.arg(3)).value());
    }

    public static Call load(int index, List<INDArray> params) {
        List<Arg> args = new ArrayList<>();
        params.forEach(p -> args.add(new Arg.Array(p)));
        return new Call(index, LOAD, args, false);
    }

    public static Call tokens(int index, String method, int[][] tokens, boolean mustReject) {
        return new Call(index, method, List.of(new Arg.Ints(flat(tokens)), new Arg.Int(tokens.length)), mustReject);
    }

    public static Call train(int index, int[][] tokens, int steps) {
        return new Call(index, TRAIN, List.of(new Arg.Ints(flat(tokens)), new Arg.Int(tokens.length), new Arg.Int(steps)),
                false);
    }

    public static Call overfit(int index, GptConfig c, int[][] tokens, int steps) {
        List<Arg> args = new ArrayList<>(construct(index, c).args());
        args.add(new Arg.Ints(flat(tokens)));
        args.add(new Arg.Int(tokens.length));
        args.add(new Arg.Int(steps));
        return new Call(index, OVERFIT, args, false);
    }

    public static Call cached(int index, int[][] tokens, int[] chunks) {
        return new Call(index, CACHED, List.of(new Arg.Ints(flat(tokens)), new Arg.Int(tokens.length),
                new Arg.Ints(chunks.clone())), false);
    }

    public static Call generate(int index, int[] prompt, int newTokens, boolean useCache, boolean mustReject) {
        return new Call(index, GENERATE, List.of(new Arg.Ints(prompt.clone()), new Arg.Int(newTokens),
                new Arg.Bool(useCache)), mustReject);
    }

    public static Call otherBatch(int index, int[][] first, int[][] second) {
        return new Call(index, OTHER_BATCH, List.of(new Arg.Ints(flat(first)), new Arg.Int(first.length),
                new Arg.Ints(flat(second)), new Arg.Int(second.length)), true);
    }

    /** Argument {@code at} (flat tokens) and {@code at + 1} (batch) of a call, as {@code [B][T]}. */
    public static int[][] tokens(Call call, int at) {
        int[] flat = ((Arg.Ints) call.arg(at)).values();
        int b = call.intArg(at + 1);
        int t = b == 0 ? 0 : flat.length / b;
        int[][] out = new int[b][t];
        for (int i = 0; i < b; i++) {
            System.arraycopy(flat, i * t, out[i], 0, t);
        }
        return out;
    }

    static int[] flat(int[][] tokens) {
        int t = tokens.length == 0 ? 0 : tokens[0].length;
        int[] out = new int[tokens.length * t];
        for (int i = 0; i < tokens.length; i++) {
            System.arraycopy(tokens[i], 0, out, i * t, t);
        }
        return out;
    }
}
