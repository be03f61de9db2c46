package io.github.kvkit.validator.run;

import io.github.kvkit.validator.sandbox.Sandbox;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The child JVMs of one candidate, and when one is replaced. One child serves case after case. A child that a
 * case did not finish in (it died, or was stopped), or in which a case left threads running, is replaced: the
 * replacement starts at once in the background, while the validator judges, so the next case seldom waits for
 * ND4J to load. The first child may have been started before the candidate was even compiled
 * ({@link ChildJvmRunner#prestart}). After two failed starts in a row, no more are tried.
 */
final class ChildPool {
    private final RunLimits limits;
    private final Sandbox sandbox;
    private final WorkDir dir;
    private final String harnessClass;
    private final String className;
    private final Collection<String> classNames;
    private final TimeBudget budget;
    private final List<ChildJvm> adopted = new CopyOnWriteArrayList<>();
    /** A child being started for the next case (the prestarted one, or a replacement), or null. */
    private Launch pending;
    private volatile ChildJvm child;
    private int startFailures;
    private String lastStartFailure = "";

    /**
     * @param sandbox    what every child runs in
     * @param dir        where the candidate's classes are, for every child
     * @param classNames every class of the candidate's file, binary names
     * @param pending    a child already being started in {@code dir}, or null
     * @param budget     no replacement is started once it is used up
     */
    ChildPool(RunLimits limits, Sandbox sandbox, WorkDir dir, String harnessClass, String className,
              Collection<String> classNames, Launch pending, TimeBudget budget) {
        this.limits = limits;
        this.sandbox = sandbox;
        this.dir = dir;
        this.harnessClass = harnessClass;
        this.className = className;
        this.classNames = classNames;
        this.pending = pending;
        this.budget = budget;
    }

    /** Every child that ran something of the candidate so far, in order. */
    List<ChildJvm> adopted() {
        return adopted;
    }

    /** The child for the next call: the current one if it is fine, else the pending one or a new one. */
    ChildJvm ensureChild() throws StartFailure {
        ChildJvm c = child;
        if (c != null && c.usable()) {
            return c;
        }
        discardCurrent();
        if (startFailures >= 2) {
            throw new StartFailure("gave up after " + startFailures + " failed starts; the last: " + lastStartFailure);
        }
        Launch next = pending;
        pending = null;
        try {
            try {
                c = (next != null ? next : Launch.start(limits, sandbox, dir)).await(limits);
            } catch (StartFailure e) {
                if (next == null) {
                    throw e;
                }
                c = Launch.start(limits, sandbox, dir).await(limits);    // the one started ahead failed: once more, now
            }
            try {
                c.introduce(harnessClass, className, classNames);
            } catch (IOException e) {
                c.kill();
                throw new StartFailure("it closed its connection: " + e + c.outputSoFar());
            }
        } catch (StartFailure e) {
            startFailures++;
            lastStartFailure = e.getMessage();
            throw e;
        }
        startFailures = 0;
        adopted.add(c);
        child = c;
        return c;
    }

    /**
     * After a case ran in {@code c}: unless it finished there and left no thread running, {@code c} is killed and
     * its replacement started. A thread the case left running would slow the next case or act in it.
     */
    void caseEnded(ChildJvm c, boolean finished, boolean threadsLeft) {
        if (!finished || threadsLeft) {
            discard(c, true);
        }
    }

    /** Kills {@code c}, with no replacement started: the probe failed, so no case will run. */
    void discard(ChildJvm c) {
        discard(c, false);
    }

    /** Kills {@code c}; if it was the current child and {@code replace}, starts its replacement in the background. */
    private void discard(ChildJvm c, boolean replace) {
        c.kill();
        if (child == c) {
            child = null;
            if (replace && pending == null && budget.remainingNanos() > 0) {
                pending = Launch.start(limits, sandbox, dir);
            }
        }
    }

    /** Kills the current child, if there is one. */
    void discardCurrent() {
        ChildJvm c = child;
        if (c != null) {
            c.kill();
            child = null;
        }
    }

    /** Abandons the child being started, and tells the current one to stop (killing it if it does not). */
    void close() {
        Launch next = pending;
        pending = null;
        if (next != null) {
            next.abandon();
        }
        ChildJvm c = child;
        child = null;
        if (c != null) {
            c.stop();
        }
    }
}
