package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.bench.BenchFigures;
import io.github.kvkit.validator.bench.BenchRun;
import io.github.kvkit.validator.bench.Benchmark;
import io.github.kvkit.validator.run.ChildFiles;
import io.github.kvkit.validator.run.RunLimits;
import io.github.kvkit.validator.sandbox.SandboxMode;
import io.github.kvkit.validator.sandbox.SandboxUnavailable;
import io.github.kvkit.validator.sandbox.Sandboxes;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code kvkit bench --file Candidate.java}: how fast the candidate's code is, on what its track measures (for
 * kv-attention: cached decoding against recomputing everything, over growing lengths), in its sandboxed child
 * JVM; a table on stdout and an SVG chart.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Measures the candidate's speed on its track's benchmark (kv-attention: cached decoding "
                + "against full recomputation over growing lengths): a table, and a chart as SVG. Not a grade.", ""})
public final class BenchCommand implements Callable<Integer> {

    /** A benchmark runs long plans on purpose (a plain-loop candidate recomputing 1024 positions). */
    static final RunLimits LIMITS = RunLimits.DEFAULTS.withCaseFloor(Duration.ofMinutes(10))
            .withTotal(Duration.ofMinutes(30));

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true, description = "The candidate's Java source file.")
    Path file;

    @Option(names = "--track", paramLabel = "ID", converter = TrackConverter.class,
            description = "The challenge the candidate solves (default: the one whose interface it implements).")
    Track track;

    @Option(names = "--chart", paramLabel = "FILE", defaultValue = "kvkit-bench.svg",
            description = "Where to write the chart (default: ${DEFAULT-VALUE}).")
    Path chart;

    @Option(names = "--sandbox", paramLabel = "MODE", defaultValue = "auto", converter = SandboxModeConverter.class,
            description = "Contain the candidate's JVM: " + SandboxMode.CHOICES + " (default: ${DEFAULT-VALUE}).")
    SandboxMode sandbox;

    /** Measures and reports; returns an {@link ExitCode}. */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            return usage(err, "cannot read the candidate " + file + ": no such file; expected a .java file");
        }
        Track of = track != null ? track : Tracks.installed().forCandidate(read(file));
        Optional<Benchmark> benchmark = of.benchmark();
        if (benchmark.isEmpty()) {
            return usage(err, "--track " + of.id() + " has no benchmark; expected a track that measures speed");
        }
        Sandboxes.Choice chosen;
        try {
            chosen = Sandboxes.choose(sandbox, ChildFiles::all, new Sandboxes.Protected(List.of(), List.of()));
        } catch (SandboxUnavailable e) {
            return usage(err, e.getMessage());
        }
        if (!chosen.warning().isEmpty()) {
            err.println(chosen.warning());
        }
        Validation.RunnerFactory runners = Validation.isolating(LIMITS, chosen, runner -> runner);
        out.println("Benchmark of " + file + ": " + benchmark.get().description());
        out.flush();
        BenchFigures figures;
        try {
            figures = BenchRun.measure(file, of.harness(), benchmark.get(), runners::create, err);
            BenchRun.write(of.id() + ": " + file.getFileName(), figures, out, chart);
        } catch (BenchRun.NotMeasured e) {
            err.println("error: " + e.getMessage());
            return ExitCode.CANDIDATE_BROKEN;
        } catch (IOException e) {
            return usage(err, "cannot read " + file + " or write " + chart + ": " + e.getMessage());
        } finally {
            runners.release();
        }
        out.println("Chart: " + chart);
        return ExitCode.PASSED;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("error: " + message);
        return ExitCode.USAGE;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
