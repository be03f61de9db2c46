package io.github.kvkit.validator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code kvkit diagnose --file X.java}: grades the candidate as {@code validate} does, then names the catalogued bugs
 * most likely still in it, with hints, and what no known bug explains (docs/student-guide.md, "Diagnose").
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Runs the candidate (sandboxed, like a grade) and names the known bugs most likely still in it, "
                + "with hints: 1 the symptom, 2 where in your file, 3 the fix and why. Says what no known bug explains.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                ExitCode.PASSED + ":every case passed: nothing to diagnose",
                ExitCode.TESTS_FAILED + ":some case failed; the diagnosis says why",
                ExitCode.USAGE + ":bad usage, a bad test-case file, no bug catalog, or no sandbox for --sandbox on",
                ExitCode.CANDIDATE_BROKEN + ":the candidate does not compile or breaks the contract",
                ExitCode.INTERNAL_ERROR + ":internal error in kvkit"},
        footer = {"", "Examples:",
                "  mvn exec:java -Dexec.args=\"diagnose --file challenge/kv-attention/KVCachedMultiHeadAttention.java\"",
                "  mvn exec:java -Dexec.args=\"diagnose --file Mine.java --hint 2 --try-fixes --html diagnosis.html\""})
public final class DiagnoseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true, description = "The candidate's Java source file.")
    Path file;

    @Option(names = "--hint", paramLabel = "N", defaultValue = "1", converter = HintLevelConverter.class,
            description = "How much each hint says: 1 the symptom, 2 also where in your file, 3 also the fix and why "
                    + "(default: ${DEFAULT-VALUE}; a kit may allow less).")
    int hint;

    @Option(names = "--try-fixes",
            description = "Try each named bug's known fix on a copy of your file and grade the copy; a fix is suggested "
                    + "only when it raises the score. Your file is not changed.")
    boolean tryFixes;

    @Option(names = "--apply",
            description = "With --try-fixes: apply the fix that raises the score most to your file, one fix per run, "
                    + "after copying the file to FILE.bak (or .bak.1, .bak.2, ...).")
    boolean apply;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the diagnosis as JSON (docs/reports.md).")
    Path json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a page with each failing case's attention weights, yours and the reference's, as "
                    + "heatmaps (docs/reports.md).")
    Path html;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "The bug catalog (default: docs/instructor/TRACK/bugs.json; a student kit ships its own "
                    + "fingerprints in diagnose/TRACK.json).")
    Path catalog;

    @Mixin
    RulesOptions rules;

    /** Diagnoses and reports; returns an {@link ExitCode}. */
    @Override
    public Integer call() {
        return new DiagnoseRun(this, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
    }
}
