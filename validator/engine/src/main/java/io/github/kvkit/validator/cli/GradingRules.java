package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.judge.ExpectedCache;
import io.github.kvkit.validator.judge.ReferenceOracle;
import io.github.kvkit.validator.run.ChildFiles;
import io.github.kvkit.validator.run.RunLimits;
import io.github.kvkit.validator.sandbox.SandboxUnavailable;
import io.github.kvkit.validator.sandbox.Sandboxes;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link RulesOptions} ask for, made ready to grade with, the same for {@code validate}, {@code watch},
 * {@code diagnose} and {@code grade}: the cases loaded, the limits read, the oracle of the reference's results (which
 * must be able to grade every case) and the sandbox chosen. A step that cannot be taken throws a {@link Refusal} whose
 * message is the line the user sees. The steps are separate because the commands take them at different moments
 * (a report's timings, an output folder made first, no sandbox in process).
 */
final class GradingRules {

    private GradingRules() {
    }

    /** The cases at {@code locations}, each checked against the tracks installed. */
    static List<TestCase> cases(Tracks tracks, Track track, List<Path> locations) throws Refusal {
        try {
            return new CaseLoader(tracks.all(), track).loadAll(locations);
        } catch (CaseFileException e) {
            throw new Refusal(e.getMessage());
        }
    }

    /** The limits the options give, e.g. a heap of at least the child's minimum. */
    static RunLimits limits(RulesOptions rules) throws Refusal {
        try {
            return rules.limits.toRunLimits();
        } catch (IllegalArgumentException e) {
            throw new Refusal(e.getMessage());
        }
    }

    /**
     * The reference's results for {@code cases}, read from {@code expected} where kept there, else computed.
     *
     * @param remembering whether each case's results stay in memory once asked for: for several gradings in one run
     */
    static ReferenceOracle oracle(ExpectedCache expected, List<TestCase> cases, boolean remembering) throws Refusal {
        ReferenceOracle cached = ReferenceOracle.create().withCache(expected);
        ReferenceOracle oracle = remembering ? cached.remembering() : cached;
        for (TestCase tc : cases) {
            if (!oracle.canGrade(tc)) {
                throw new Refusal(tc.source() + ": no \"expected\" block and no reference solution in this kit; "
                        + "expected a frozen case (kvkit materialize) or the solution/ directory");
            }
        }
        return oracle;
    }

    /**
     * The sandbox the options ask for, keeping the candidate away from the cases at {@code locations}, the kept
     * results and the files the command writes ({@code outputs}).
     */
    static Sandboxes.Choice sandbox(RulesOptions rules, List<Path> locations, Tracks tracks, ExpectedCache expected,
                                    List<Path> outputs) throws Refusal {
        try {
            return Sandboxes.choose(rules.sandbox, ChildFiles::all, GuardedPaths.of(locations, tracks, expected, outputs));
        } catch (SandboxUnavailable e) {
            throw new Refusal(e.getMessage());
        }
    }
}
