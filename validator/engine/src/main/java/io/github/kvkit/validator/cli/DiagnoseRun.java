package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.compile.CompilerUnavailableException;
import io.github.kvkit.validator.diagnose.BugCatalog;
import io.github.kvkit.validator.diagnose.DiagnosePack;
import io.github.kvkit.validator.diagnose.DiagnosePacks;
import io.github.kvkit.validator.diagnose.Diagnoses;
import io.github.kvkit.validator.diagnose.Diagnosis;
import io.github.kvkit.validator.diagnose.FixTrial;
import io.github.kvkit.validator.diagnose.FixTrials;
import io.github.kvkit.validator.diagnose.HintLevel;
import io.github.kvkit.validator.diagnose.SignCollector;
import io.github.kvkit.validator.judge.ExpectedCache;
import io.github.kvkit.validator.judge.ReferenceOracle;
import io.github.kvkit.validator.report.ConsoleReport;
import io.github.kvkit.validator.report.DiagnosisConsole;
import io.github.kvkit.validator.report.DiagnosisHtml;
import io.github.kvkit.validator.report.DiagnosisJson;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.ValidationReport;
import io.github.kvkit.validator.run.RunLimits;
import io.github.kvkit.validator.sandbox.Sandboxes;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One {@code kvkit diagnose}: loads the cases and the diagnose pack, grades the candidate in its sandbox while
 * collecting what each case shows, explains that with the pack's fingerprints, tries the fixes when asked, and writes
 * the console report, the JSON and the page. Whatever stops it early is a usage error: one line on stderr.
 */
final class DiagnoseRun {

    private final DiagnoseCommand options;
    private final PrintWriter out;
    private final PrintWriter err;
    /** Where {@code --apply} copied the file before changing it. */
    private Path backupName;

    DiagnoseRun(DiagnoseCommand options, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    int run() {
        Path file = options.file;
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return usage("cannot read the candidate " + file + ": " + (Files.exists(file) ? e.getMessage()
                    : "no such file") + "; expected a .java file");
        }
        Tracks tracks = Tracks.installed();
        Track track = options.rules.track != null ? options.rules.track : tracks.forCandidate(source);
        List<Path> locations = caseLocations(track);
        List<TestCase> cases;
        RunLimits limits;
        ExpectedCache expected = options.rules.expectedResults();
        ReferenceOracle oracle;
        Sandboxes.Choice sandbox;
        try {
            cases = GradingRules.cases(tracks, track, locations);
            limits = GradingRules.limits(options.rules);
            // remembering: the fixes tried grade the same cases again
            oracle = GradingRules.oracle(expected, cases, true);
            sandbox = GradingRules.sandbox(options.rules, locations, tracks, expected, outputs());
        } catch (Refusal r) {
            return usage(r.getMessage());
        }
        if (!sandbox.warning().isEmpty()) {
            err.println(sandbox.warning());
        }
        Path catalog = options.catalog != null ? options.catalog : BugCatalog.defaultFile(track.id());
        Path packs = DiagnosePacks.defaultFolder(expected.folder()
                .orElse(ExpectedCache.defaultFolder(System.getenv())));
        DiagnosePack pack;
        try {
            pack = DiagnosePacks.obtain(track, cases, catalog, packs, Validation.inProcess(oracle), line -> {
                err.println(line);
                err.flush();
            });
        } catch (DiagnosePacks.NoPack e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            return usage("cannot read or keep the diagnose pack: " + e.getMessage());
        }
        if (!pack.cases().equals(cases.stream().map(TestCase::name).toList())) {
            err.println("warning: this kit's bug fingerprints were taken on other cases (" + String.join(", ", pack.cases())
                    + "); on these, fewer bugs can be named");
        }
        try {
            return diagnose(file, source, track, cases, oracle, limits, sandbox, pack);
        } catch (CompilerUnavailableException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            return usage("cannot read " + file + " or write a report: " + e.getMessage());
        }
    }

    private int diagnose(Path file, String source, Track track, List<TestCase> cases, ReferenceOracle oracle,
                         RunLimits limits, Sandboxes.Choice sandbox, DiagnosePack pack) throws IOException {
        SignCollector seen = new SignCollector(options.html != null);
        ValidationReport report = grader(oracle, limits, sandbox).watched(seen).validate(file, track, cases, c -> { });
        if (report.outcome() != Outcome.RAN) {
            new ConsoleReport(false, false).write(report, out);
            out.flush();
            if (options.json != null) {
                DiagnosisJson.writeError(file.toString(), report.outcome().id().replace('_', ' ') + ": nothing ran, "
                        + "so there is nothing to diagnose; the report above says why", options.json);
            }
            return ExitCode.CANDIDATE_BROKEN;
        }
        HintLevel.Given level = HintLevel.of(pack, options.hint, file);
        if (!level.note().isEmpty()) {
            err.println("note: " + level.note());
        }
        Diagnosis diagnosis = Diagnoses.of(track.id(), report, seen.cases(), pack, source, level.level());
        Optional<FixTrial> best = Optional.empty();
        if ((options.tryFixes || options.apply) && !diagnosis.allPassed()) {
            List<FixTrials.Edit> edits = level.level() < 3 ? List.of() : FixTrials.edits(pack, diagnosis.bugs(), source);
            if (edits.isEmpty()) {
                err.println("note: no fix to try: " + (level.level() < 3 ? "fixes are hints of level 3, not given here"
                        : "your file no longer has the text of any named bug"));
            }
            Validation plain = grader(oracle, limits, sandbox);
            List<FixTrial> trials = FixTrials.tryAll(edits, report.score(), text -> scoreOf(plain, file, text, track, cases));
            diagnosis = Diagnoses.withFixes(diagnosis, trials);
            best = trials.stream().filter(FixTrial::helps).max(Comparator.comparingDouble(FixTrial::after));
            if (options.apply && best.isPresent()) {
                String id = best.get().bugId();
                apply(file, edits.stream().filter(e -> e.bugId().equals(id)).findFirst().orElseThrow());
            }
        }
        DiagnosisConsole.write(diagnosis, out);
        if (options.json != null) {
            DiagnosisJson.write(diagnosis, options.json);
            out.println("JSON: " + options.json);
        }
        if (options.html != null) {
            DiagnosisHtml.write(diagnosis, options.html);
            out.println("Page with the attention weights, yours and the reference's: " + options.html);
        }
        if (options.apply) {
            out.println(best.map(f -> "Applied the fix of " + f.bugId() + " at line " + f.line() + " of " + file
                    + " (your file before it: " + backupName + ")").orElse("Applied nothing: no fix raised the score."));
        }
        out.flush();
        return diagnosis.allPassed() ? ExitCode.PASSED : ExitCode.TESTS_FAILED;
    }

    /** Writes the edit to the candidate's file, after copying the file to the first free {@code FILE.bak[.N]}. */
    private void apply(Path file, FixTrials.Edit edit) throws IOException {
        Path backup = file.resolveSibling(file.getFileName() + ".bak");
        for (int n = 1; Files.exists(backup); n++) {
            backup = file.resolveSibling(file.getFileName() + ".bak." + n);
        }
        Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
        backupName = backup;
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".kvkit-fix", ".tmp");
        Files.writeString(temp, edit.fixed(), StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The score of {@code text} graded as the candidate's file, from a copy in a folder of its own. */
    private static double scoreOf(Validation grader, Path file, String text, Track track, List<TestCase> cases)
            throws IOException {
        Path folder = Files.createTempDirectory("kvkit-fix");
        Path copy = folder.resolve(file.getFileName().toString());
        try {
            Files.writeString(copy, text, StandardCharsets.UTF_8);
            return grader.validate(copy, track, cases, c -> { }).score();
        } finally {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(folder);
        }
    }

    private static Validation grader(ReferenceOracle oracle, RunLimits limits, Sandboxes.Choice sandbox) {
        return new Validation(oracle, Validation.isolating(limits, sandbox, runner -> runner));
    }

    /** The cases asked for, or the track's visible cases and, where there are some, its diagnostic ones. */
    private List<Path> caseLocations(Track track) {
        if (!options.rules.tests.isEmpty()) {
            return options.rules.tests;
        }
        List<Path> paths = new ArrayList<>(List.of(Path.of("test-cases", track.id(), "visible")));
        Path diagnostic = Path.of("test-cases", track.id(), "diagnose");
        if (Files.isDirectory(diagnostic)) {
            paths.add(diagnostic);
        }
        return paths;
    }

    private List<Path> outputs() {
        List<Path> paths = new ArrayList<>();
        for (Path p : new Path[] {options.json, options.html}) {
            if (p != null) {
                paths.add(p);
            }
        }
        return paths;
    }

    /** Says {@code message} as a usage error; the JSON asked for still says what happened. */
    private int usage(String message) {
        err.println("error: " + message);
        err.flush();
        if (options.json != null) {
            try {
                DiagnosisJson.writeError(String.valueOf(options.file), message, options.json);
            } catch (IOException e) {
                err.println("error: cannot write " + options.json + ": " + e.getMessage());
                return ExitCode.INTERNAL_ERROR;
            }
        }
        return ExitCode.USAGE;
    }
}
