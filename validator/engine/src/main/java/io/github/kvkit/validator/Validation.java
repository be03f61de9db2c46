package io.github.kvkit.validator;

import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.compile.CandidateClasspath;
import io.github.kvkit.validator.compile.CompilationResult;
import io.github.kvkit.validator.compile.InMemoryCompiler;
import io.github.kvkit.validator.judge.ReferenceOracle;
import io.github.kvkit.validator.load.CandidateLoader;
import io.github.kvkit.validator.load.ContractViolation;
import io.github.kvkit.validator.load.LoadedCandidate;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.Sandboxing;
import io.github.kvkit.validator.result.Status;
import io.github.kvkit.validator.result.Timings;
import io.github.kvkit.validator.result.ValidationReport;
import io.github.kvkit.validator.run.CandidateRunner;
import io.github.kvkit.validator.run.ChildJvmRunner;
import io.github.kvkit.validator.run.InProcessRunner;
import io.github.kvkit.validator.run.RunLimits;
import io.github.kvkit.validator.run.RunRecord;
import io.github.kvkit.validator.sandbox.Sandbox;
import io.github.kvkit.validator.sandbox.Sandboxes;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The validator's pipeline for one candidate: compile, load, then for every case plan the calls, compute
 * the expected results, run the calls on the candidate, and judge. Every way it can end is a
 * {@link ValidationReport}; only the validator's own bugs escape as exceptions.
 */
public final class Validation {

    private final ReferenceOracle oracle;
    private final RunnerFactory runners;
    private final Timings timings;
    private final CaseWatcher watcher;

    /**
     * Sees each case as it is judged, with what the verdict was made from ({@code kvkit diagnose} reads the run
     * beyond the verdict). Called on the validating thread.
     */
    public interface CaseWatcher {
        void judged(Track track, CasePlan plan, RunRecord run, Object expected, CaseResult result);
    }

    /** Makes the runner that executes a loaded candidate: in this JVM, or in a child JVM. */
    public interface RunnerFactory {
        CandidateRunner create(LoadedCandidate candidate, CompilationResult compiled);

        /** How the runners it makes contain the candidate's code, for the report. */
        Sandboxing sandboxing();

        /**
         * Called on the validating thread when a validation starts, before compiling: a factory may get ready
         * in the background meanwhile (start a JVM). {@link #create} takes over what it started.
         */
        default void prepare() {
        }

        /** Called on the validating thread when the validation ends: stops what {@link #prepare} started and no runner took. */
        default void release() {
        }
    }

    /**
     * @param runners makes the runner that executes a loaded candidate
     */
    public Validation(ReferenceOracle oracle, RunnerFactory runners) {
        this(oracle, runners, Timings.OFF, (track, plan, run, expected, result) -> { });
    }

    private Validation(ReferenceOracle oracle, RunnerFactory runners, Timings timings, CaseWatcher watcher) {
        this.oracle = oracle;
        this.runners = runners;
        this.timings = timings;
        this.watcher = watcher;
    }

    /**
     * Starts in the background what the next {@link #validate} on this thread will take over (a child JVM), so that
     * it is ready sooner: a resident validator ({@code watch}) calls it right after a validation.
     */
    public void prepare() {
        runners.prepare();
    }

    /** The same validation, recording where its time goes into {@code timings} ({@code --timings}). */
    public Validation timed(Timings timings) {
        return new Validation(oracle, runners, timings, watcher);
    }

    /** The same validation, showing each judged case to {@code watcher}. */
    public Validation watched(CaseWatcher watcher) {
        return new Validation(oracle, runners, timings, watcher);
    }

    /** A validation that runs the candidate inside this JVM: no limits apply (for debugging). */
    public static Validation inProcess() {
        return inProcess(ReferenceOracle.create());
    }

    /** The same with expected results from {@code oracle} (one that remembers them, in tests). */
    public static Validation inProcess(ReferenceOracle oracle) {
        return new Validation(oracle, new RunnerFactory() {
            @Override
            public CandidateRunner create(LoadedCandidate candidate, CompilationResult compiled) {
                return new InProcessRunner(candidate);
            }

            @Override
            public Sandboxing sandboxing() {
                return Sandboxing.IN_PROCESS;
            }
        });
    }

    /**
     * Makes {@link ChildJvmRunner}s under {@code limits}, in the sandbox {@code chosen}, each passed through
     * {@code decorate} before use (to show the candidate's output, to keep run records in tests). Each
     * validation starts its child JVM while javac compiles the candidate ({@link ChildJvmRunner#prestart}).
     */
    public static RunnerFactory isolating(RunLimits limits, Sandboxes.Choice chosen,
                                          Function<ChildJvmRunner, CandidateRunner> decorate) {
        Sandbox sandbox = chosen.sandbox();
        Sandboxing sandboxing = new Sandboxing(chosen.mode().toString(), sandbox.mechanism());
        return new RunnerFactory() {
            private final ThreadLocal<ChildJvmRunner.Prestart> early = new ThreadLocal<>();

            @Override
            public Sandboxing sandboxing() {
                return sandboxing;
            }

            @Override
            public void prepare() {
                if (early.get() == null) {      // one started ahead and not taken yet is kept
                    early.set(ChildJvmRunner.prestart(limits, sandbox));
                }
            }

            @Override
            public CandidateRunner create(LoadedCandidate candidate, CompilationResult compiled) {
                ChildJvmRunner.Prestart p = early.get();
                early.remove();
                return decorate.apply(new ChildJvmRunner(candidate, compiled, limits, sandbox, p));
            }

            @Override
            public void release() {
                ChildJvmRunner.Prestart p = early.get();
                early.remove();
                if (p != null) {
                    p.abandon();
                }
            }
        };
    }

    /**
     * Grades the candidate in {@code source} on {@code cases}, telling {@code progress} about each case as
     * soon as it is judged.
     *
     * @throws IOException when the source file cannot be read
     */
    public ValidationReport validate(Path source, List<TestCase> cases, Consumer<CaseResult> progress) throws IOException {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no cases to grade " + source + " on");
        }
        return validate(source, trackOf(cases.get(0)), cases, progress);
    }

    private static Track trackOf(TestCase tc) {
        return Tracks.installed().byId(tc.track())
                .orElseThrow(() -> new IllegalArgumentException("no track " + tc.track() + " for " + tc.source()));
    }

    /**
     * Grades the candidate in {@code source}, of {@code track}, on {@code cases} (all of that track).
     *
     * @throws IOException when the source file cannot be read
     */
    public ValidationReport validate(Path source, Track track, List<TestCase> cases, Consumer<CaseResult> progress)
            throws IOException {
        long start = System.nanoTime();
        // The reference needs nothing from the candidate: it runs on the other core while javac compiles
        // the candidate and while the candidate runs the earlier cases. ND4J is first touched on that thread too:
        // loading it takes about half a second, which this thread would otherwise spend before javac and the
        // child JVM even start (the factory runs on the thread that submits).
        ExecutorService referenceThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(() -> {
                oneNd4jThread();
                runnable.run();
            }, "kvkit-reference");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Prepared>> prepared = new ArrayList<>();
            for (TestCase tc : cases) {
                prepared.add(referenceThread.submit(() -> prepare(track, tc)));
            }
            runners.prepare();
            return validate(source, track, cases, prepared, progress, start);
        } finally {
            runners.release();
            referenceThread.shutdownNow();
        }
    }

    /** A case's calls, the results expected of them, and how long the reference took to compute those. */
    private record Prepared(CasePlan plan, Object expected, Duration referenceTime) {
    }

    /**
     * ND4J computes on the calling thread only: the reference and the candidate already run side by side, and an
     * OpenMP team of ND4J's own in this JVM would only spin against the candidate for the same two cores. It
     * also makes the reference thread's CPU time, which sets the cases' time limits, all of the reference's work.
     */
    private static void oneNd4jThread() {
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
    }

    private Prepared prepare(Track track, TestCase tc) {
        long start = System.nanoTime();
        CasePlan plan = track.plan(tc);
        ReferenceOracle.Expected expected = oracle.expected(plan);
        timings.since("plan and expected results of " + tc.name() + " (reference thread)", start);
        return new Prepared(plan, expected.results(), expected.referenceTime());
    }

    private ValidationReport validate(Path source, Track track, List<TestCase> cases, List<Future<Prepared>> prepared,
                                      Consumer<CaseResult> progress, long start) throws IOException {
        long t = System.nanoTime();
        CompilationResult compiled = new InMemoryCompiler().compile(source, CandidateClasspath.current());
        timings.since("compile the candidate", t);
        if (!compiled.success()) {
            return notRun(source, "", Outcome.COMPILE_ERROR, compiled.formattedErrors(), cases, start,
                    runners.sandboxing());
        }
        LoadedCandidate candidate;
        try {
            // loads the classes to inspect them, without initializing any: no candidate code runs here
            t = System.nanoTime();
            candidate = new CandidateLoader(track.harness()).load(compiled, source);
            timings.since("load and inspect its classes", t);
        } catch (ContractViolation e) {
            return notRun(source, e.className(), Outcome.CONTRACT_ERROR, e.getMessage(), cases, start,
                    runners.sandboxing());
        }
        List<CaseResult> results = new ArrayList<>();
        try (CandidateRunner runner = runners.create(candidate, compiled)) {
            try {
                // the checks that run candidate code, where the runner runs it
                t = System.nanoTime();
                runner.probe(candidate, source.toString());
                timings.since("probe (waits for the child JVM)", t);
            } catch (ContractViolation e) {
                return notRun(source, e.className(), Outcome.CONTRACT_ERROR, e.getMessage(), cases, start,
                    runners.sandboxing());
            }
            for (Future<Prepared> next : prepared) {
                t = System.nanoTime();
                Prepared p = await(next);
                String name = p.plan().testCase().name();
                timings.since("wait for the expected results of " + name, t);
                t = System.nanoTime();
                RunRecord run = runner.run(p.plan(), p.referenceTime());
                timings.since("run " + name, t);
                t = System.nanoTime();
                CaseResult result = track.judge(p.plan(), run, p.expected());
                timings.since("judge " + name, t);
                watcher.judged(track, p.plan(), run, p.expected(), result);
                results.add(result);
                progress.accept(result);
            }
        }
        return new ValidationReport(source.toString(), candidate.className(), Outcome.RAN, "", results,
                millisSince(start), runners.sandboxing());
    }

    private static Prepared await(Future<Prepared> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the expected results", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The report of a candidate that never got to run: every case listed with no points. */
    public static ValidationReport notRun(Path source, String className, Outcome outcome, String message,
                                          List<TestCase> cases, long startNanos, Sandboxing sandboxing) {
        List<CaseResult> results = new ArrayList<>();
        for (TestCase tc : cases) {
            results.add(new CaseResult(tc.name(), tc.category(), tc.visibility(), 0, tc.points(), Status.NOT_RUN,
                    outcome.id().replace('_', ' '), List.of(), 0));
        }
        return new ValidationReport(source.toString(), className, outcome, message, results, millisSince(startNanos),
                sandboxing);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
