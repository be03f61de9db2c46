package io.github.kvkit.harness;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One argument of a {@link Call}, in the few types every track's calls are made of. A track's harness turns
 * them back into the candidate's own method arguments; the engine and the wire know nothing of their meaning.
 */
public sealed interface Arg {

    /** An {@code int}. */
    record Int(int value) implements Arg {
    }

    /** A {@code double}. */
    record Real(double value) implements Arg {
    }

    /** A {@code boolean}. */
    record Bool(boolean value) implements Arg {
    }

    /** An {@code int[]}, e.g. token ids. */
    record Ints(int[] values) implements Arg {
    }

    /**
     * An array, passed as this very object: two arguments holding the same object arrive in the child as one
     * object too (self-attention passes the query as key and value).
     *
     * @param writable whether the call may write into it by contract (a preallocated cache); every other array
     *                 argument must be bit-for-bit the same after the call ({@link ArgumentGuard})
     */
    record Array(INDArray value, boolean writable) implements Arg {

        /** An array the call must leave unchanged. */
        public Array(INDArray value) {
            this(value, false);
        }
    }

    /** Part {@code part} of what call {@code call} returned (a cache to continue from), kept by the harness. */
    record Result(int call, String part) implements Arg {
    }

    /** {@code null}. */
    record Null() implements Arg {
        /** The one instance needed. */
        public static final Null NULL = new Null();
    }
}
