package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.load.ContractViolation;
import io.github.kvkit.validator.load.LoadedCandidate;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.result.Visibility;
import io.github.kvkit.validator.run.CandidateRunner;
import io.github.kvkit.validator.run.ChildJvmRunner;
import io.github.kvkit.validator.run.RunRecord;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Shows on stderr what the candidate printed in each case, as the child runner captured it: every line
 * prefixed with {@code "  | "} and control characters escaped, so it can neither pass for the validator's
 * own lines nor drive the terminal. Hidden cases only say how much they printed, unless verbose.
 */
final class ShowingOutput implements CandidateRunner {
    private final ChildJvmRunner runner;
    private final PrintWriter err;
    private final boolean verbose;

    ShowingOutput(ChildJvmRunner runner, PrintWriter err, boolean verbose) {
        this.runner = runner;
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void probe(LoadedCandidate candidate, String fileLabel) throws ContractViolation {
        try {
            runner.probe(candidate, fileLabel);
        } finally {
            String text = runner.probeOutput();
            if (!text.isEmpty()) {
                show("while constructing it once (" + candidate.harness().contract().probeCall(
                            candidate.type().getSimpleName()) + ")", text,
                        text.getBytes(StandardCharsets.UTF_8).length);
            }
        }
    }

    @Override
    public RunRecord run(CasePlan plan) {
        return run(plan, Duration.ZERO);
    }

    @Override
    public RunRecord run(CasePlan plan, Duration referenceTime) {
        RunRecord record = runner.run(plan, referenceTime);
        if (record.outputBytes() > 0) {
            if (plan.testCase().visibility() == Visibility.HIDDEN && !verbose) {
                err.println("candidate output during hidden case " + plan.testCase().name() + ": "
                        + record.outputBytes() + " bytes (shown with --verbose)");
                err.flush();
            } else {
                show("during " + plan.testCase().name(), record.output(), record.outputBytes());
            }
        }
        return record;
    }

    private void show(String when, String text, long bytes) {
        long kept = text.getBytes(StandardCharsets.UTF_8).length;
        err.println("candidate output " + when + " (" + bytes + " bytes" + (bytes > kept ? ", the first " + kept
                + " kept" : "") + "):");
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String line : body.split("\r?\n", -1)) {
            err.println("  | " + escape(line));
        }
        if (bytes > kept) {
            err.println("  | [... " + (bytes - kept) + " more bytes not kept]");
        }
        err.flush();
    }

    /** Control characters (but tab) as {@code \\u001b}-style escapes. */
    static String escape(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        runner.close();
    }
}
