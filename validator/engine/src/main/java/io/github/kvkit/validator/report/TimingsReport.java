package io.github.kvkit.validator.report;

import io.github.kvkit.validator.result.Timings;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code --timings}: one line per span, in the order they started, with where it started and how long it took;
 * spans that overlap are the work done side by side (the reference next to the candidate).
 */
public final class TimingsReport {

    private TimingsReport() {
    }

    public static void write(Timings timings, PrintWriter out) {
        out.println("Timings (wall time, ms; 'at' counts from the JVM's start):");
        out.println(String.format(Locale.ROOT, "  %7s %7s  %s", "at", "took", "what"));
        for (Timings.Span s : timings.spans()) {
            out.println(String.format(Locale.ROOT, "  %7d %7d  %s", s.startMillis(), s.millis(), s.name()));
        }
        out.println(String.format(Locale.ROOT, "  %7d %7s  %s", timings.nowMillis(), "", "verdict written"));
        out.flush();
    }
}
