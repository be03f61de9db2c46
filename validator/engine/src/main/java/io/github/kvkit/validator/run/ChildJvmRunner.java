package io.github.kvkit.validator.run;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.TrackHarness;
import io.github.kvkit.harness.wire.Channel;
import io.github.kvkit.validator.compile.CandidateClasspath;
import io.github.kvkit.validator.compile.CompilationResult;
import io.github.kvkit.validator.load.ContractViolation;
import io.github.kvkit.validator.load.LoadedCandidate;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.result.Status;
import io.github.kvkit.validator.sandbox.Sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs an untrusted candidate in a child JVM, under {@link RunLimits}, and brings back the raw outcomes of
 * its calls; only the validator judges them.
 *
 * <ul>
 *   <li>The child's class path is ND4J ({@link CandidateClasspath#entries()}: the contract and the seeded
 *       data included), the harness package {@code io.github.kvkit.harness}, and a temporary directory with
 *       the candidate's class files: neither the reference solution, nor the validator, nor the test cases.</li>
 *   <li>The child runs in a {@link Sandbox} (bubblewrap, a throwaway user, or none: {@code docs/isolation.md}).</li>
 *   <li>Calls and outcomes travel over a Unix domain socket in the child's private directory
 *       ({@link io.github.kvkit.harness.wire.Channel}), authenticated by a random nonce the child reads on stdin. The child's stdout and stderr (merged) are only the candidate's output: they are
 *       drained, counted against {@link RunLimits#outputLimitBytes()}, kept up to
 *       {@link RunLimits#outputKeepBytes()} per case, and never parsed.</li>
 *   <li>One child serves every case; each case constructs a fresh instance (its call 0). When the child dies
 *       or is stopped (time limit, out of memory, {@code System.exit}, too much output), that case reports
 *       it, a new child starts at once in the background, and the next case runs in it.</li>
 *   <li>{@link #probe} runs the contract checks that execute candidate code (static initializer,
 *       {@code new C(16, 4, 32)}) in the child; nothing of the candidate runs in this JVM, which only loads
 *       its classes to inspect them.</li>
 *   <li>A child JVM needs the candidate's classes only when it is told the class name, so the first one can be
 *       started ({@link #prestart}) while the validator still compiles the candidate.</li>
 * </ul>
 * This class only coordinates; the parts, all in this package: {@link ChildPool} (which child runs next, when
 * one is replaced), {@link ChildLauncher} and {@link Launch} (starting one until it is ready), {@link ChildJvm}
 * (one child: process, connection, events), {@link OutputCapture}, {@link ChildCommand}, {@link WorkDir},
 * {@link ChildRegistry} (cleanup at exit), {@link ProbeConversation}, {@link CaseConversation},
 * {@link TimeBudget} and {@link CaseTimeLimit} (the time rules), {@link Death} (how a child died).
 * Not thread-safe: one validation drives it.
 */
public final class ChildJvmRunner implements CandidateRunner {

    private final TrackHarness harness;
    private final String className;
    private final Map<String, byte[]> classes;
    private final RunLimits limits;
    private final Sandbox sandbox;
    private final TimeBudget budget;
    private final WorkDir workDir;
    private final ChildPool pool;
    private String probeOutput = "";

    /** A runner for {@code candidate} in {@code sandbox}, taking over {@code early}, a prestarted JVM, or null. */
    public ChildJvmRunner(LoadedCandidate candidate, CompilationResult compiled, RunLimits limits, Sandbox sandbox,
                          Prestart early) {
        this(candidate.harness(), candidate.className(), compiled.classes(), limits, sandbox, early);
    }

    /**
     * @param harness   the candidate's track's harness: its contract, and the class the child makes calls with
     * @param className the candidate class's binary name
     * @param classes   every class of the candidate file: binary name to class-file bytes
     * @param sandbox   what each of its JVMs runs in
     * @param early     a JVM started by {@link #prestart} with the same limits and sandbox, or null
     */
    public ChildJvmRunner(TrackHarness harness, String className, Map<String, byte[]> classes, RunLimits limits,
                          Sandbox sandbox, Prestart early) {
        this.budget = new TimeBudget(limits);       // first: the total time limit counts from here
        this.harness = harness;
        this.className = className;
        this.classes = Map.copyOf(classes);
        this.limits = limits;
        this.sandbox = sandbox;
        WorkDir dir = null;
        Launch pending = null;
        if (early != null && early.limits.equals(limits) && early.sandbox == sandbox && early.take()) {
            dir = early.launch.dir;
            pending = early.launch;
        } else if (early != null) {
            early.abandon();
        }
        try {
            if (dir == null) {
                dir = WorkDir.create();
            }
            dir.writeClasses(this.classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the candidate's classes for its JVM: " + e, e);
        }
        this.workDir = dir;
        this.pool = new ChildPool(limits, sandbox, dir, harness.getClass().getName(), className, this.classes.keySet(),
                pending, budget);
    }

    /**
     * Starts a child JVM in the background, before the candidate is compiled: it loads ND4J and waits. Give it to
     * a runner with the same limits and sandbox, or {@link Prestart#abandon()} it.
     */
    public static Prestart prestart(RunLimits limits, Sandbox sandbox) {
        try {
            return new Prestart(limits, sandbox, Launch.start(limits, sandbox, WorkDir.create()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory for the candidate's JVM: " + e, e);
        }
    }

    /** A child JVM started ahead of its candidate. */
    public static final class Prestart {
        private final RunLimits limits;
        private final Sandbox sandbox;
        private final Launch launch;
        private boolean taken;

        private Prestart(RunLimits limits, Sandbox sandbox, Launch launch) {
            this.limits = limits;
            this.sandbox = sandbox;
            this.launch = launch;
        }

        private synchronized boolean take() {
            boolean free = !taken;
            taken = true;
            return free;
        }

        /** Stops the JVM and deletes its directory, unless a runner took it over. */
        public void abandon() {
            if (take()) {
                launch.abandon();
                launch.dir.delete();
            }
        }
    }

    /** The limits the candidate runs under. */
    public RunLimits limits() {
        return limits;
    }

    /** What the candidate's JVMs run in. */
    public Sandbox sandbox() {
        return sandbox;
    }

    /** The process ids of every child JVM this runner used so far, for tests and diagnostics. */
    public List<Long> childPids() {
        return pool.adopted().stream().map(c -> c.process().pid()).toList();
    }

    /** How long each child JVM this runner used took from launch to ready (ND4J loaded), in milliseconds. */
    public List<Long> startMillis() {
        return pool.adopted().stream().map(ChildJvm::startMillis).toList();
    }

    /** When each child JVM this runner used was launched and was ready: {@link System#nanoTime()} pairs. */
    public List<long[]> startSpans() {
        return pool.adopted().stream().map(ChildJvm::startSpan).toList();
    }

    /** Payload bytes sent to the children (calls) and received from them (outcomes) so far. */
    public long[] bytesMoved() {
        return new long[] {pool.adopted().stream().mapToLong(ChildJvm::bytesSent).sum(),
                pool.adopted().stream().mapToLong(ChildJvm::bytesReceived).sum()};
    }

    /** What the candidate printed during {@link #probe}. */
    public String probeOutput() {
        return probeOutput;
    }

    @Override
    public void probe(LoadedCandidate candidate, String fileLabel) throws ContractViolation {
        ChildJvm c;
        try {
            c = pool.ensureChild();
        } catch (StartFailure e) {
            throw new IllegalStateException("cannot start a JVM for the candidate: " + e.getMessage(), e);
        }
        ProbeConversation probe = new ProbeConversation(c, pool, limits, harness.contract(), className, fileLabel);
        try {
            probe.run(budget.probeTimeout());
        } finally {
            probeOutput = probe.output();
        }
    }

    @Override
    public RunRecord run(CasePlan plan) {
        return run(plan, Duration.ZERO);
    }

    @Override
    public RunRecord run(CasePlan plan, Duration referenceTime) {
        long start = System.nanoTime();
        if (budget.remainingNanos() <= 0) {
            pool.discardCurrent();
            return notRun(plan, Status.TIMEOUT, "not run: the total time limit of " + RunLimits.formatDuration(limits.total())
                    + " for the candidate was used up", start);
        }
        ChildJvm c;
        try {
            c = pool.ensureChild();
        } catch (StartFailure e) {
            return notRun(plan, Status.CRASHED, "not run: the JVM for the candidate could not be started: " + e.getMessage(),
                    start);
        }
        CaseConversation.Ending end = CaseConversation.run(c, plan, budget.forCase(referenceTime), limits);
        pool.caseEnded(c, end.finished(), !end.leftover().isEmpty());
        budget.caseEnded(end.stop().status(), plan, end.outcomes());
        return end.record(plan.calls().size());
    }

    private RunRecord notRun(CasePlan plan, Status status, String reason, long startNanos) {
        List<CallOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < plan.calls().size(); i++) {
            outcomes.add(new CallOutcome.NotRun(reason));
        }
        return new RunRecord(outcomes, status, reason, (System.nanoTime() - startNanos) / 1_000_000);
    }

    /** "forward step decode#3 (call 7)", "the constructor (call 0)"... */
    static String describeCall(CasePlan plan, int index) {
        return CaseConversation.describeCall(plan, index);
    }

    /** Tells the child to stop, kills it if it does not, and deletes the candidate's temporary files. */
    @Override
    public void close() {
        pool.close();
        workDir.delete();
    }
}
