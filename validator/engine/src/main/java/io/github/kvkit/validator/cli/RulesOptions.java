package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.judge.ExpectedCache;
import io.github.kvkit.validator.sandbox.SandboxMode;
import io.github.kvkit.validator.track.Track;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a candidate is graded by, as options: the cases, the track, the sandbox, the limits and where the
 * reference's results are kept. Mixed into {@code kvkit validate} (through {@link ValidateOptions}) and
 * {@code kvkit grade}, so that a class is graded exactly as one student is.
 */
final class RulesOptions {

    @Option(names = {"-t", "--tests"}, paramLabel = "DIR",
            description = "A directory of *.json test cases (or one case file); repeatable. Default: test-cases/TRACK/visible.")
    List<Path> tests = new ArrayList<>();

    @Option(names = "--track", paramLabel = "ID", converter = TrackConverter.class,
            description = "The challenge the candidate solves (default: the one whose interface it implements; for grade, "
                    + "the one the cases name).")
    Track track;

    @Option(names = "--sandbox", paramLabel = "MODE", defaultValue = "auto", converter = SandboxModeConverter.class,
            description = "Contain the candidate's JVM: " + SandboxMode.CHOICES + " (default: ${DEFAULT-VALUE}). auto: "
                    + "bubblewrap where it works, else no sandbox (with a warning on Linux); on: bubblewrap, else a "
                    + "throwaway unprivileged user (root only), else refuse with exit code 2 (for graders); off: no "
                    + "sandbox (docs/isolation.md).")
    SandboxMode sandbox;

    @Mixin
    LimitsOptions limits;

    @Option(names = "--expected-cache", paramLabel = "DIR",
            description = "Where the reference's results are kept between runs (default: $" + ExpectedCache.ENVIRONMENT
                    + ", else ~/.cache/kvkit/expected).")
    Path expectedCache;

    @Option(names = "--no-expected-cache", description = "Compute the reference's results in this run, keeping none.")
    boolean noExpectedCache;

    /** The test-case locations given, or the track's visible cases ({@code test-cases/<track>/visible}). */
    List<Path> testLocations(Track of) {
        return tests.isEmpty() ? List.of(Path.of("test-cases", of.id(), "visible")) : tests;
    }

    /** The cache of the reference's results these options ask for. */
    ExpectedCache expectedResults() {
        if (noExpectedCache) {
            return ExpectedCache.none();
        }
        return ExpectedCache.in(expectedCache != null ? expectedCache : ExpectedCache.defaultFolder(System.getenv()));
    }
}
