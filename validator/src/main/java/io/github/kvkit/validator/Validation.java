package io.github.kvkit.validator;

import io.github.kvkit.runner.CallOutcome;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.compile.CompilationResult;
import io.github.kvkit.validator.compile.InMemoryCompiler;
import io.github.kvkit.validator.judge.Judge;
import io.github.kvkit.validator.judge.ReferenceOracle;
import io.github.kvkit.validator.load.CandidateClasspath;
import io.github.kvkit.validator.load.CandidateLoader;
import io.github.kvkit.validator.load.ContractViolation;
import io.github.kvkit.validator.load.LoadedCandidate;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.plan.Planner;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.Status;
import io.github.kvkit.validator.result.ValidationReport;
import io.github.kvkit.validator.run.CandidateRunner;
import io.github.kvkit.validator.run.InProcessRunner;
import io.github.kvkit.validator.run.RunRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The validator's pipeline for one candidate: compile, load, then for every case plan the calls, compute
 * the expected results, run the calls on the candidate, and judge. Every way it can end is a
 * {@link ValidationReport}; only the validator's own bugs escape as exceptions.
 */
public final class Validation {

    private final ReferenceOracle oracle;
    private final RunnerFactory runners;

    /** Makes the runner that executes a loaded candidate: in this JVM, or in a child JVM. */
    @FunctionalInterface
    public interface RunnerFactory {
        CandidateRunner create(LoadedCandidate candidate, CompilationResult compiled);
    }

    /**
     * @param runners makes the runner that executes a loaded candidate
     */
    public Validation(ReferenceOracle oracle, RunnerFactory runners) {
        this.oracle = oracle;
        this.runners = runners;
    }

    /** A validation that runs the candidate inside this JVM. */
    public static Validation inProcess() {
        return new Validation(ReferenceOracle.create(),
                (candidate, compiled) -> new InProcessRunner(candidate::newInstance, compiled.classes().keySet()));
    }

    /**
     * Grades the candidate in {@code source} on {@code cases}, telling {@code progress} about each case as
     * soon as it is judged.
     *
     * @throws IOException when the source file cannot be read
     */
    public ValidationReport validate(Path source, List<TestCase> cases, Consumer<CaseResult> progress) throws IOException {
        long start = System.nanoTime();
        // The reference needs nothing from the candidate: it runs on the other core while javac compiles
        // the candidate and while the candidate runs the earlier cases.
        ExecutorService referenceThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "kvkit-reference");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Prepared>> prepared = new ArrayList<>();
            for (TestCase tc : cases) {
                prepared.add(referenceThread.submit(() -> prepare(tc)));
            }
            return validate(source, cases, prepared, progress, start);
        } finally {
            referenceThread.shutdownNow();
        }
    }

    /** A case's calls and the results expected of them. */
    private record Prepared(CasePlan plan, List<CallOutcome.Returned> expected) {
    }

    private Prepared prepare(TestCase tc) {
        CasePlan plan = Planner.plan(tc);
        return new Prepared(plan, oracle.expected(plan));
    }

    private ValidationReport validate(Path source, List<TestCase> cases, List<Future<Prepared>> prepared,
                                      Consumer<CaseResult> progress, long start) throws IOException {
        CompilationResult compiled = new InMemoryCompiler().compile(source, CandidateClasspath.current());
        if (!compiled.success()) {
            return notRun(source, "", Outcome.COMPILE_ERROR, compiled.formattedErrors(), cases, start);
        }
        LoadedCandidate candidate;
        try {
            candidate = new CandidateLoader().load(compiled, source);
            candidate.probe();
        } catch (ContractViolation e) {
            return notRun(source, e.className(), Outcome.CONTRACT_ERROR, e.getMessage(), cases, start);
        }
        List<CaseResult> results = new ArrayList<>();
        try (CandidateRunner runner = runners.create(candidate, compiled)) {
            for (Future<Prepared> next : prepared) {
                Prepared p = await(next);
                RunRecord run = runner.run(p.plan());
                CaseResult result = Judge.judge(p.plan(), run, p.expected());
                results.add(result);
                progress.accept(result);
            }
        }
        return new ValidationReport(source.toString(), candidate.className(), Outcome.RAN, "", results, millisSince(start));
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
                                          List<TestCase> cases, long startNanos) {
        List<CaseResult> results = new ArrayList<>();
        for (TestCase tc : cases) {
            results.add(new CaseResult(tc.name(), tc.category(), tc.visibility(), 0, tc.points(), Status.NOT_RUN,
                    outcome.id().replace('_', ' '), List.of(), 0));
        }
        return new ValidationReport(source.toString(), className, outcome, message, results, millisSince(startNanos));
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
