package io.github.kvkit.validator.run;

import io.github.kvkit.harness.Contract;
import io.github.kvkit.harness.ProbeFailure;
import io.github.kvkit.harness.child.ChildMain;
import io.github.kvkit.harness.wire.Frame;
import io.github.kvkit.harness.wire.FrameType;
import io.github.kvkit.harness.wire.ProtocolException;
import io.github.kvkit.validator.load.ContractViolation;

import java.io.IOException;
import java.time.Duration;

/**
 * The contract checks that run candidate code, run in a child JVM: the candidate class's static initializer,
 * then one construction with the contract's probe arguments (kv-attention: {@code new C(16, 4, 32)}). Each way they can fail (a throw, a hang, too much output, a dead JVM) becomes
 * the {@link ContractViolation} the validator gives for it, worded as when the check runs in process. A probe
 * that fails kills its child, with no replacement: no case runs after it.
 */
final class ProbeConversation {

    private final ChildJvm c;
    private final ChildPool pool;
    private final RunLimits limits;
    private final Contract contract;
    private final String className;
    private final String simpleName;
    private final String fileLabel;
    private String output = "";

    /**
     * @param c         the child to probe in, ready
     * @param className the candidate class's binary name
     * @param fileLabel how the reasons name the candidate's file
     */
    ProbeConversation(ChildJvm c, ChildPool pool, RunLimits limits, Contract contract, String className,
                      String fileLabel) {
        this.c = c;
        this.pool = pool;
        this.limits = limits;
        this.contract = contract;
        this.className = className;
        this.simpleName = className.substring(className.lastIndexOf('.') + 1);
        this.fileLabel = fileLabel;
    }

    /** What the candidate printed during {@link #run}. */
    String output() {
        return output;
    }

    /**
     * Probes the candidate, within {@code timeout}: returns if both checks pass.
     *
     * @throws ContractViolation     when the candidate fails one
     * @throws IllegalStateException when the harness in the child fails, or this thread is interrupted
     */
    void run(Duration timeout) throws ContractViolation {
        String call = contract.probeCall(simpleName);
        String initializer = "the static initializer of class " + simpleName;
        long deadline = System.nanoTime() + timeout.toNanos();
        c.output().begin();
        boolean initialized = false;
        boolean exitReported = false;
        try {
            c.channel().send(FrameType.PROBE);
            while (true) {
                ChildEvent ev = c.poll(Math.max(0, deadline - System.nanoTime()));
                String what = initialized ? call : initializer;
                ContractViolation.Kind deathKind = initialized ? ContractViolation.Kind.CONSTRUCTOR_THROWS
                        : ContractViolation.Kind.STATIC_INIT_FAILED;
                String expected = initialized ? ProbeFailure.constructorExpected(contract)
                        : ProbeFailure.initializerExpected(simpleName);
                if (ev == null) {
                    pool.discard(c);
                    throw violation(ContractViolation.Kind.CONSTRUCTOR_TIMEOUT, what + " did not return within "
                            + seconds(timeout) + " (expected: " + call + " to return promptly)");
                }
                if (ev instanceof ChildEvent.OutputExceeded) {
                    pool.discard(c);
                    throw violation(deathKind, what + " printed more than "
                            + RunLimits.formatSize(limits.outputLimitBytes()) + " (the output limit)" + expected);
                }
                if (ev instanceof ChildEvent.Closed closed) {
                    Death d = Death.diagnose(c, exitReported, closed.why(), limits);
                    pool.discard(c);
                    if (d.harness()) {
                        throw new IllegalStateException("the JVM running the candidate failed: " + d.what());
                    }
                    throw violation(deathKind, what + " " + d.what() + expected);
                }
                Frame f = ((ChildEvent.Received) ev).frame();
                switch (f.type()) {
                    case PROBE_INITIALIZED -> initialized = true;
                    case EXITING -> exitReported = true;
                    case PROBE_RESULT -> {
                        int kind = f.payload().getByte();
                        String owner = f.payload().getString();
                        String describe = f.payload().getString();
                        String where = f.payload().getString();
                        if (kind == ChildMain.PROBE_OK) {
                            return;
                        }
                        if (kind > ProbeFailure.Kind.values().length) {
                            throw new ProtocolException("bad probe result " + kind);
                        }
                        ProbeFailure failure = new ProbeFailure(ProbeFailure.Kind.values()[kind - 1],
                                owner == null || owner.isEmpty() ? simpleName : owner, String.valueOf(describe),
                                where == null ? "" : where);
                        throw violation(ContractViolation.Kind.of(failure.kind()), failure.message(simpleName, contract));
                    }
                    default -> {
                        pool.discard(c);
                        throw new IllegalStateException("the JVM running the candidate sent " + f.type() + " during the probe");
                    }
                }
            }
        } catch (IOException e) {
            // sending failed: the child is gone; the next event says why
            Death d = Death.diagnose(c, exitReported, null, limits);
            pool.discard(c);
            throw violation(initialized ? ContractViolation.Kind.CONSTRUCTOR_THROWS : ContractViolation.Kind.STATIC_INIT_FAILED,
                    (initialized ? call : initializer) + " " + d.what());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.discard(c);
            throw new IllegalStateException("interrupted while probing the candidate", e);
        } finally {
            output = c.output().collect().text();
        }
    }

    private ContractViolation violation(ContractViolation.Kind kind, String message) {
        return new ContractViolation(kind, className, fileLabel + ": " + message, null);
    }

    /** As {@code LoadedCandidate} words a duration. */
    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
