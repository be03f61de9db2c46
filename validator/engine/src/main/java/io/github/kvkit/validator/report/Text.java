package io.github.kvkit.validator.report;

import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.Sandboxing;
import io.github.kvkit.validator.result.Status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Formatting helpers shared by the report formats: numbers, times, counts and text clean-up. */
final class Text {

    private Text() {
    }

    /** {@code s}, or empty for null. */
    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A score for people: at most two decimals, no trailing zeros ({@code 6.25}, {@code 10}, {@code 3.33}). */
    static String num(double value) {
        return plain(value, 2);
    }

    /** {@code value} rounded half-up to {@code places} decimals, written without exponent or trailing zeros. */
    static String plain(double value, int places) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        String s = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** {@code value} rounded half-up to {@code places} decimals, for machine formats that carry numbers. */
    static double round(double value, int places) {
        if (!Double.isFinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue() + 0.0;
    }

    /** Milliseconds as seconds with three decimals, e.g. {@code 1.250}. */
    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /**
     * {@code score / max} as a whole percentage, or empty when {@code max} is not positive. Rounds to the nearest
     * percent but never shows 100% for a score short of the maximum, nor 0% for a score above zero.
     */
    static String percent(double score, double max) {
        if (!(max > 0)) {
            return "";
        }
        long p = Math.round(100.0 * score / max);
        if (p >= 100 && score < max) {
            p = 99;
        } else if (p <= 0 && score > 0) {
            p = 1;
        }
        return p + "%";
    }

    /**
     * {@code Sandbox: bubblewrap (--sandbox on)}: how the candidate's code was contained, for reports graders
     * keep; {@code none} is a plain child JVM.
     */
    static String sandboxLine(Sandboxing s) {
        if (s.mode().equals(Sandboxing.IN_PROCESS.mode())) {
            return "Sandbox: none, the candidate ran inside the validator (--in-process)";
        }
        return "Sandbox: " + (s.mechanism().isEmpty() ? "not chosen" : s.mechanism()) + " (--sandbox " + s.mode() + ")";
    }

    /** {@code Score: 42.5 / 70 (61%)}. */
    static String scoreLine(double score, double max) {
        String pct = percent(score, max);
        return "Score: " + num(score) + " / " + num(max) + (pct.isEmpty() ? "" : " (" + pct + ")");
    }

    /** Cases counted by status, in {@link Status} order, zero counts left out: {@code 8 passed, 3 failed, 1 timeout}. */
    static String counts(List<CaseResult> cases) {
        if (cases.isEmpty()) {
            return "none";
        }
        Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
        for (CaseResult c : cases) {
            byStatus.merge(c.status(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        byStatus.forEach((status, n) -> parts.add(n + " " + status.id().replace('_', ' ')));
        return String.join(", ", parts);
    }

    /** The tag a case line starts with: {@code PASS}, {@code FAIL} or the status name, e.g. {@code TIMEOUT}. */
    static String tag(Status status) {
        return switch (status) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            default -> status.name();
        };
    }

    /** What a report says when the cases did not run, e.g. {@code the candidate does not compile.} */
    static String whyNotRun(Outcome outcome) {
        return switch (outcome) {
            case RAN -> "the cases ran.";
            case COMPILE_ERROR -> "the candidate does not compile.";
            case CONTRACT_ERROR -> "the candidate does not fulfil the contract.";
            case SETUP_ERROR -> "the validator could not start grading.";
            default -> "the cases did not run (" + outcome.id() + ").";
        };
    }

    /** An outcome in words, capitalised: {@code Compile error}, {@code Setup error}. */
    static String outcomeName(Outcome outcome) {
        String words = outcome.id().replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Whether the status is a verdict on returned results (passed or failed) rather than a reason none came. */
    static boolean isVerdict(Status status) {
        return status == Status.PASSED || status == Status.FAILED;
    }

    /** The first line of {@code text}, trimmed; empty for empty text. */
    static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        int cr = t.indexOf('\r');
        int end = nl < 0 ? cr : (cr < 0 ? nl : Math.min(nl, cr));
        return (end < 0 ? t : t.substring(0, end)).strip();
    }

    /** Splits text into lines on any line break; empty text gives no lines. */
    static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\\R", -1));
    }

    /** Joins the lines of {@code text} with {@code \n}, every line after the first prefixed with {@code indent}. */
    static String indentContinuation(String text, String indent) {
        return String.join("\n" + indent, lines(text));
    }

    /**
     * Text safe for a terminal or a plain-text field: control characters other than tab and line breaks (ANSI
     * escapes a candidate might have put in an exception message, for instance) become {@code \}{@code uXXXX}.
     */
    static String printable(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
            if (bad && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb != null) {
                if (bad) {
                    sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }

    /**
     * Text that XML 1.0 can carry: characters it forbids (most C0 controls, unpaired surrogates, U+FFFE, U+FFFF)
     * become {@code \}{@code uXXXX}. Markup characters are left for the XML writer to escape.
     */
    static String xmlSafe(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
                continue;
            }
            boolean ok = c == '\t' || c == '\n' || c == '\r'
                    || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (ok) {
                sb.append(c);
            } else {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
