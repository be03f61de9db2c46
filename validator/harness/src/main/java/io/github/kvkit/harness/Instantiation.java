package io.github.kvkit.harness;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Constructs a candidate reflectively, so that what its constructor throws reaches the caller as in plain Java. */
public final class Instantiation {

    private Instantiation() {
    }

    /**
     * {@code new C(args)}. A {@link RuntimeException} or {@link Error} of the constructor reaches the caller as
     * is; a checked exception (a constructor may declare one) as itself too, for callers that take
     * {@code throws Throwable}.
     */
    public static <T> T construct(Constructor<T> constructor, Object... args) throws Throwable {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause() != null ? e.getCause() : e;
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot instantiate " + constructor.getDeclaringClass().getName() + ": " + e, e);
        }
    }

    /**
     * The same for callers that cannot take a checked exception: one is wrapped in an
     * {@link UndeclaredThrowableException} whose cause is the candidate's, saying which call threw it.
     */
    public static <T> T newInstance(Constructor<T> constructor, Object... args) {
        try {
            return construct(constructor, args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            throw new UndeclaredThrowableException(checked, "new " + constructor.getDeclaringClass().getSimpleName() + "("
                    + Arrays.stream(args).map(String::valueOf).collect(Collectors.joining(", ")) + ") threw "
                    + ProbeFailure.describe(checked));
        }
    }
}
