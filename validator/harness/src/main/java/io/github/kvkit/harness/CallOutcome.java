package io.github.kvkit.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one call did, as raw facts; the validator alone turns these into verdicts. */
public sealed interface CallOutcome {

    /** A call that returned normally with nothing to look at (a constructor, a setter). */
    record Completed() implements CallOutcome {
    }

    /**
     * A call that returned a result: named copies of the arrays it returned and named numbers (digests,
     * shapes, flags). The names are the track's; a track's harness writes them and its checks read them.
     */
    record Returned(Map<String, Tensor> arrays, Map<String, long[]> numbers) implements CallOutcome {

        public Returned {
            arrays = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
            numbers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
        }

        public Tensor array(String name) {
            return arrays.get(name);
        }

        public long[] numbers(String name) {
            return numbers.get(name);
        }
    }

    /**
     * The call threw.
     *
     * @param type    the exception's class name
     * @param where   the first stack frame in the candidate's own code, or empty
     * @param illegalArgument whether it is an {@link IllegalArgumentException} (or a subclass)
     */
    record Threw(String type, String message, String where, boolean illegalArgument) implements CallOutcome {
    }

    /** The call returned something that cannot be judged (null result, null arrays, unreadable arrays). */
    record Unusable(String why) implements CallOutcome {
    }

    /** The call was not made: an earlier failure it depends on, or the run stopped. */
    record NotRun(String why) implements CallOutcome {
    }
}
