package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.judge.ReferenceOracle;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code kvkit materialize CASE.json -o OUT.json}: freezes a case with every array and result inline. */
@Command(name = "materialize", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Writes a test case fully materialised: weights, inputs and the reference's expected "
                + "results inline, repeats expanded. A frozen case grades without solution/."})
public final class MaterializeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CASE", description = "The test case to materialise.")
    Path source;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Where to write it.")
    Path target;

    @Option(names = "--track", paramLabel = "ID", converter = TrackConverter.class,
            description = "The track of the case; default: the one it names, else the first installed (kv-attention).")
    Track track;

    /** Writes the frozen case; returns an {@link ExitCode}. */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReferenceOracle oracle = ReferenceOracle.create();
        Tracks tracks = Tracks.installed();
        try {
            TestCase tc = (track != null ? new CaseLoader(tracks.all(), track)
                    : CaseLoader.anyTrack(tracks.all(), tracks.fallback())).load(source);
            if (!oracle.canGrade(tc)) {
                err.println("error: " + source + ": the reference solution is not in this kit; expected it to compute "
                        + "the results");
                return ExitCode.USAGE;
            }
            TestCase frozen = tracks.byId(tc.track()).orElseThrow().materialize(tc, target);
            out.println("wrote " + target + ": " + frozen.body().summary());
            return ExitCode.PASSED;
        } catch (CaseFileException e) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (UnsupportedOperationException e) {
            err.println("error: " + source + ": " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException e) {
            err.println("error: cannot write " + target + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
    }
}
