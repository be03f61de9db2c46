package io.github.kvkit.validator.load;

import io.github.kvkit.api.CachedAttention;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A candidate class that passed the structural checks of {@link CandidateLoader}: public, top level,
 * concrete, implementing {@link CachedAttention}, with a public {@code (int, int, int)} constructor.
 *
 * <p>{@link #newInstance} and {@link #probe} run the candidate's code with the thread's context class loader
 * set to the candidate's loader, so a candidate that looks classes up through it sees no more than through
 * {@code Class.forName}. Callers that run candidate code themselves (forward calls) may do the same with
 * {@link #classLoader()}.
 */
public final class LoadedCandidate {

    /** The constructor arguments {@link #probe()} uses. */
    public static final int PROBE_D_MODEL = 16;
    public static final int PROBE_NUM_HEADS = 4;
    public static final int PROBE_MAX_CACHE_LEN = 32;

    /** How long {@link #probe()} waits; generous because the first ND4J use in a JVM loads native code. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(60);

    private static volatile boolean nd4jClassLoadingInitialized;

    private final Class<? extends CachedAttention> type;
    private final Constructor<? extends CachedAttention> constructor;
    private final CandidateClassLoader loader;
    private final String fileLabel;

    LoadedCandidate(Class<? extends CachedAttention> type, Constructor<? extends CachedAttention> constructor,
                    CandidateClassLoader loader, String fileLabel) {
        this.type = type;
        this.constructor = constructor;
        this.loader = loader;
        this.fileLabel = fileLabel;
    }

    /** The binary name of the candidate class, e.g. {@code edu.example.student.MyAttention} or {@code MyAttention}. */
    public String className() {
        return type.getName();
    }

    /** The candidate class itself. */
    public Class<? extends CachedAttention> type() {
        return type;
    }

    /** The fresh loader that defined the candidate's classes. */
    public ClassLoader classLoader() {
        return loader;
    }

    /**
     * {@code new C(dModel, numHeads, maxCacheLen)}. Whatever the constructor throws reaches the caller
     * unwrapped: a {@link RuntimeException} or {@link Error} as is, a checked exception (a constructor may
     * declare one) wrapped in an {@link UndeclaredThrowableException} whose cause is the candidate's.
     * A failing static initializer surfaces as {@link ExceptionInInitializerError} the first time and as
     * {@link NoClassDefFoundError} afterwards, as in plain Java.
     */
    public CachedAttention newInstance(int dModel, int numHeads, int maxCacheLen) {
        ensureNd4jClassLoadingInitialized();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return constructor.newInstance(dModel, numHeads, maxCacheLen);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new UndeclaredThrowableException(cause, "new " + type.getSimpleName() + "(" + dModel + ", "
                    + numHeads + ", " + maxCacheLen + ") threw " + describe(cause));
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot instantiate " + type.getName() + ": " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Like {@link #newInstance} but lets a checked exception of the constructor through as is, for callers
     * that take {@code throws Throwable} factories (e.g. {@code loaded::construct}).
     */
    public CachedAttention construct(int dModel, int numHeads, int maxCacheLen) throws Throwable {
        try {
            return newInstance(dModel, numHeads, maxCacheLen);
        } catch (UndeclaredThrowableException e) {
            throw e.getUndeclaredThrowable() != null ? e.getUndeclaredThrowable() : e;
        }
    }

    /** {@link #probe(Duration)} with {@link #DEFAULT_PROBE_TIMEOUT}. */
    public void probe() throws ContractViolation {
        probe(DEFAULT_PROBE_TIMEOUT);
    }

    /**
     * Initializes the class and constructs it once with {@code (16, 4, 32)}, on a daemon thread bounded by
     * {@code timeout}, to turn a throwing static initializer ({@link ContractViolation.Kind#STATIC_INIT_FAILED})
     * or constructor ({@link ContractViolation.Kind#CONSTRUCTOR_THROWS}), or one that never returns
     * ({@link ContractViolation.Kind#CONSTRUCTOR_TIMEOUT}), into a message for the student. A thread that
     * times out is abandoned, not stopped.
     */
    public void probe(Duration timeout) throws ContractViolation {
        ensureNd4jClassLoadingInitialized();
        String call = "new " + type.getSimpleName() + "(" + PROBE_D_MODEL + ", " + PROBE_NUM_HEADS + ", "
                + PROBE_MAX_CACHE_LEN + ")";
        Throwable[] failure = new Throwable[1];
        boolean[] initializing = {true};
        CountDownLatch done = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                Class.forName(type.getName(), true, loader);
                synchronized (initializing) {
                    initializing[0] = false;
                }
                constructor.newInstance(PROBE_D_MODEL, PROBE_NUM_HEADS, PROBE_MAX_CACHE_LEN);
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
        if (t instanceof InvocationTargetException ite && ite.getCause() != null) {
            t = ite.getCause();
        }
        if (t instanceof ExceptionInInitializerError eiie) {
            Throwable cause = eiie.getCause() != null ? eiie.getCause() : eiie;
            String owner = initializerOwner(cause);
            throw violation(ContractViolation.Kind.STATIC_INIT_FAILED, "the static initializer of class "
                    + owner + " threw " + describe(cause) + where(cause) + " (expected: the static fields and"
                    + " static blocks of " + owner + " to initialize without throwing)", cause);
        }
        if (t instanceof NoClassDefFoundError ncdfe && String.valueOf(ncdfe.getMessage()).startsWith("Could not initialize")) {
            throw violation(ContractViolation.Kind.STATIC_INIT_FAILED, call + " failed: " + describe(t)
                    + " (expected: every class the constructor uses to initialize without throwing)", t);
        }
        if (t instanceof LinkageError && initializing[0]) {
            throw violation(ContractViolation.Kind.LOAD_FAILED, "class " + type.getSimpleName()
                    + " could not be initialized: " + describe(t), t);
        }
        throw violation(ContractViolation.Kind.CONSTRUCTOR_THROWS, call + " threw " + describe(t) + where(t)
                + " (expected: the constructor to succeed for dModel=" + PROBE_D_MODEL + ", numHeads="
                + PROBE_NUM_HEADS + ", maxCacheLen=" + PROBE_MAX_CACHE_LEN + ")", t);
    }

    @Override
    public String toString() {
        return "LoadedCandidate[" + type.getName() + " from " + fileLabel + "]";
    }

    private ContractViolation violation(ContractViolation.Kind kind, String message, Throwable cause) {
        return new ContractViolation(kind, type.getName(), fileLabel + ": " + message, cause);
    }

    /** The candidate class whose {@code <clinit>} threw, from the stack; the candidate class if unknown. */
    private String initializerOwner(Throwable cause) {
        for (StackTraceElement frame : cause.getStackTrace()) {
            if ("<clinit>".equals(frame.getMethodName()) && loader.classNames().contains(frame.getClassName())) {
                return simpleName(frame.getClassName());
            }
        }
        return type.getSimpleName();
    }

    /** {@code " (at Foo.java:12)"} for the innermost frame in the candidate's code, or empty. */
    private String where(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (loader.classNames().contains(frame.getClassName()) && frame.getLineNumber() > 0) {
                return " (at " + frame.getFileName() + ":" + frame.getLineNumber() + ")";
            }
        }
        return "";
    }

    private static String simpleName(String binaryName) {
        String s = binaryName.substring(binaryName.lastIndexOf('.') + 1);
        return s.replace('$', '.');
    }

    static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
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
