package io.github.kvkit.harness;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * One call to make on the candidate, track-neutral: a method of the track's harness and typed arguments.
 * Calls are numbered from 0 in the order they run. Which methods exist and what their arguments mean is the
 * track's vocabulary, which its harness and its planner share (kv-attention's is {@code KvCall}).
 *
 * @param mustReject whether the call must throw {@link IllegalArgumentException}
 */
public record Call(int index, String method, List<Arg> args, boolean mustReject, boolean timedOnly) {

    public Call {
        args = List.copyOf(args);
    }

    /** A call whose outcome is wanted. */
    public Call(int index, String method, List<Arg> args, boolean mustReject) {
        this(index, method, args, mustReject, false);
    }

    /**
     * The same call, made only to be timed ({@code kvkit bench}): the child makes it and measures it, and sends back
     * that it completed instead of its results, which a benchmark does not read (a forward pass over 1024 positions
     * returns 64 MiB of attention weights).
     */
    public Call timed() {
        return new Call(index, method, args, mustReject, true);
    }

    public Arg arg(int i) {
        return args.get(i);
    }

    public int intArg(int i) {
        return ((Arg.Int) args.get(i)).value();
    }

    public boolean boolArg(int i) {
        return ((Arg.Bool) args.get(i)).value();
    }

    /** The array argument {@code i}, or null when it is {@link Arg.Null}. */
    public INDArray arrayArg(int i) {
        return args.get(i) instanceof Arg.Array a ? a.value() : null;
    }
}
