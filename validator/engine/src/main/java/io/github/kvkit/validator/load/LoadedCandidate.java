package io.github.kvkit.validator.load;

import io.github.kvkit.harness.Contract;
import io.github.kvkit.harness.Instantiation;
import io.github.kvkit.harness.ProbeFailure;
import io.github.kvkit.harness.TrackHarness;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A candidate class that passed the structural checks of {@link CandidateLoader}: public, top level,
 * concrete, implementing its track's interface, with the track's public constructor.
 *
 * <p>{@link #newInstance} and {@link #probe} run the candidate's code with the thread's context class loader
 * set to the candidate's loader, so a candidate that looks classes up through it sees no more than through
 * {@code Class.forName}. Callers that run candidate code themselves (forward calls) may do the same with
 * {@link #classLoader()}.
 */
public final class LoadedCandidate {

    /** How long {@link #probe()} waits; generous because the first ND4J use in a JVM loads native code. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(60);

    private static volatile boolean nd4jClassLoadingInitialized;

    private final Class<?> type;
    private final Constructor<?> constructor;
    private final CandidateClassLoader loader;
    private final String fileLabel;
    private final TrackHarness harness;

    LoadedCandidate(Class<?> type, Constructor<?> constructor, CandidateClassLoader loader, String fileLabel,
                    TrackHarness harness) {
        this.type = type;
        this.constructor = constructor;
        this.loader = loader;
        this.fileLabel = fileLabel;
        this.harness = harness;
    }

    /** The binary name of the candidate class, e.g. {@code edu.example.student.MyAttention} or {@code MyAttention}. */
    public String className() {
        return type.getName();
    }

    /** The candidate class itself. */
    public Class<?> type() {
        return type;
    }

    /** The fresh loader that defined the candidate's classes. */
    public ClassLoader classLoader() {
        return loader;
    }

    /** The binary names of the candidate's classes. */
    public java.util.Set<String> classNames() {
        return loader.classNames();
    }

    /** The harness of the candidate's track: its contract, and how its calls are made. */
    public TrackHarness harness() {
        return harness;
    }

    /**
     * {@code new C(args)}. Whatever the constructor throws reaches the caller unwrapped: a
     * {@link RuntimeException} or {@link Error} as is, a checked exception (a constructor may declare one)
     * wrapped in an {@link UndeclaredThrowableException} whose cause is the candidate's.
     * A failing static initializer surfaces as {@link ExceptionInInitializerError} the first time and as
     * {@link NoClassDefFoundError} afterwards, as in plain Java.
     */
    public Object newInstance(Object... args) {
        return withCandidateLoader(() -> Instantiation.newInstance(constructor, args));
    }

    /** Like {@link #newInstance} but lets a checked exception of the constructor through as is. */
    public Object construct(Object... args) throws Throwable {
        try {
            return newInstance(args);
        } catch (UndeclaredThrowableException e) {
            throw e.getUndeclaredThrowable() != null ? e.getUndeclaredThrowable() : e;
        }
    }

    /** Runs {@code work} as candidate code: with the candidate's loader as the thread's context class loader. */
    public <T> T withCandidateLoader(java.util.function.Supplier<T> work) {
        ensureNd4jClassLoadingInitialized();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** {@link #probe(Duration)} with {@link #DEFAULT_PROBE_TIMEOUT}. */
    public void probe() throws ContractViolation {
        probe(DEFAULT_PROBE_TIMEOUT);
    }

    /**
     * Initializes the class and constructs it once with the contract's probe arguments, on a daemon thread bounded by
     * {@code timeout}, to turn a throwing static initializer ({@link ContractViolation.Kind#STATIC_INIT_FAILED})
     * or constructor ({@link ContractViolation.Kind#CONSTRUCTOR_THROWS}), or one that never returns
     * ({@link ContractViolation.Kind#CONSTRUCTOR_TIMEOUT}), into a message for the student. A thread that
     * times out is abandoned, not stopped.
     */
    public void probe(Duration timeout) throws ContractViolation {
        ensureNd4jClassLoadingInitialized();
        Contract contract = harness.contract();
        String call = contract.probeCall(type.getSimpleName());
        Throwable[] failure = new Throwable[1];
        boolean[] initializing = {true};
        CountDownLatch done = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                Class.forName(type.getName(), true, loader);
                synchronized (initializing) {
                    initializing[0] = false;
                }
                constructor.newInstance(contract.probeArguments().toArray());
            } catch (Throwable t) {
                synchronized (failure) {
                    failure[0] = t;
                }
            } finally {
                done.countDown();
            }
        }, "kvkit-probe-" + type.getSimpleName());
        thread.setDaemon(true);
        thread.setContextClassLoader(loader);
        thread.start();
        boolean finished;
        try {
            finished = done.await(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + type.getName(), e);
        }
        if (!finished) {
            boolean inInit;
            synchronized (initializing) {
                inInit = initializing[0];
            }
            String what = inInit ? "the static initializer of class " + type.getSimpleName() : call;
            throw violation(ContractViolation.Kind.CONSTRUCTOR_TIMEOUT, what + " did not return within "
                    + seconds(timeout) + " (expected: " + call + " to return promptly)", null);
        }
        Throwable t;
        synchronized (failure) {
            t = failure[0];
        }
        if (t == null) {
            return;
        }
        boolean inInit;
        synchronized (initializing) {
            inInit = initializing[0];
        }
        ProbeFailure f = ProbeFailure.of(t, inInit, loader.classNames(), type.getSimpleName());
        Throwable cause = t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
        if (cause instanceof ExceptionInInitializerError eiie && eiie.getCause() != null) {
            cause = eiie.getCause();
        }
        throw violation(ContractViolation.Kind.of(f.kind()), f.message(type.getSimpleName(), contract), cause);
    }

    @Override
    public String toString() {
        return "LoadedCandidate[" + type.getName() + " from " + fileLabel + "]";
    }

    private ContractViolation violation(ContractViolation.Kind kind, String message, Throwable cause) {
        return new ContractViolation(kind, type.getName(), fileLabel + ": " + message, cause);
    }

    static String describe(Throwable t) {
        return ProbeFailure.describe(t);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * ND4J remembers the context class loader of the thread that first touches
     * {@code org.nd4j.common.config.ND4JClassLoading}. Initialize it under the validator's own context loader
     * before any candidate code runs with the candidate's loader installed, so ND4J never keeps a candidate's
     * loader alive.
     */
    private static void ensureNd4jClassLoadingInitialized() {
        if (nd4jClassLoadingInitialized) {
            return;
        }
        try {
            Class.forName("org.nd4j.common.config.ND4JClassLoading", true, LoadedCandidate.class.getClassLoader());
        } catch (Throwable ignored) {
            // ND4J absent or broken: nothing to protect
        }
        nd4jClassLoadingInitialized = true;
    }
}
