package io.github.kvkit.validator.bench;

import io.github.kvkit.harness.TrackHarness;
import io.github.kvkit.validator.compile.CandidateClasspath;
import io.github.kvkit.validator.compile.CompilationResult;
import io.github.kvkit.validator.compile.InMemoryCompiler;
import io.github.kvkit.validator.load.CandidateLoader;
import io.github.kvkit.validator.load.ContractViolation;
import io.github.kvkit.validator.load.LoadedCandidate;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.run.CandidateRunner;
import io.github.kvkit.validator.run.RunRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One {@code kvkit bench}: compiles and loads the candidate as a grading does, runs the benchmark's plans in the
 * runner it is given (the sandboxed child JVM), and writes the figures as a table and an SVG chart.
 */
public final class BenchRun {

    /** Why the candidate could not be measured: it does not compile or breaks the contract. */
    public static final class NotMeasured extends Exception {
        public NotMeasured(String message) {
            super(message);
        }
    }

    private BenchRun() {
    }

    /**
     * Measures the candidate in {@code source} and returns its figures.
     *
     * @param runners makes the runner for the loaded candidate
     * @param progress told each plan's label before it runs
     * @throws NotMeasured when it does not compile or breaks the contract
     * @throws IOException when the source cannot be read
     */
    public static BenchFigures measure(Path source, TrackHarness harness, Benchmark benchmark,
                                       BiFunction<LoadedCandidate, CompilationResult, CandidateRunner> runners,
                                       PrintWriter progress) throws NotMeasured, IOException {
        CompilationResult compiled = new InMemoryCompiler().compile(source, CandidateClasspath.current());
        if (!compiled.success()) {
            throw new NotMeasured("the candidate does not compile:\n" + compiled.formattedErrors());
        }
        LoadedCandidate candidate;
        try {
            candidate = new CandidateLoader(harness).load(compiled, source);
        } catch (ContractViolation e) {
            throw new NotMeasured(e.getMessage());
        }
        List<RunRecord> runs = new ArrayList<>();
        try (CandidateRunner runner = runners.apply(candidate, compiled)) {
            try {
                runner.probe(candidate, source.toString());
            } catch (ContractViolation e) {
                throw new NotMeasured(e.getMessage());
            }
            for (CasePlan plan : benchmark.plans()) {
                progress.println("  measuring " + plan.testCase().description());
                progress.flush();
                runs.add(runner.run(new TimedPlan(plan), Duration.ZERO));
            }
        }
        return benchmark.figures(runs);
    }

    /** Writes the figures' table to {@code out} and their chart, titled {@code title}, to {@code chart}. */
    public static void write(String title, BenchFigures figures, PrintWriter out, Path chart) throws IOException {
        TextTable.write(figures, out);
        if (chart.getParent() != null) {
            Files.createDirectories(chart.getParent());
        }
        Files.writeString(chart, SvgChart.of(title, figures), StandardCharsets.UTF_8);
    }
}
