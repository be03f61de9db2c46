package io.github.kvkit.validator.result;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where the time of one validation went, by the validator's own clock: named spans of wall time, in milliseconds
 * since the JVM started (so the first span, up to the validator's {@code main}, is the JVM's and Maven's start).
 * {@code --timings} prints them. Spans may overlap: the reference computes while the candidate runs. Thread-safe.
 */
public final class Timings {

    /** One span: where it starts and ends, in milliseconds since the JVM started. */
    public record Span(String name, long startMillis, long endMillis) {
        public long millis() {
            return endMillis - startMillis;
        }
    }

    /** Records nothing: what a validation keeps when no one asked for timings. */
    public static final Timings OFF = new Timings(false);

    private final boolean on;
    private final long originNanos;
    private final List<Span> spans = new ArrayList<>();

    private Timings(boolean on) {
        this.on = on;
        // nanoTime at the JVM's start, from the JVM's uptime: spans read as milliseconds since then
        this.originNanos = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000;
    }

    /** Timings that record, from now on; the span from the JVM's start to now is the first. */
    public static Timings start(String firstSpan) {
        Timings t = new Timings(true);
        t.span(firstSpan, t.originNanos, System.nanoTime());
        return t;
    }

    /** Whether spans are recorded. */
    public boolean on() {
        return on;
    }

    /** A span from {@code startNanos} to now ({@link System#nanoTime()} values). */
    public void since(String name, long startNanos) {
        span(name, startNanos, System.nanoTime());
    }

    /** A span between two {@link System#nanoTime()} values. */
    public void span(String name, long startNanos, long endNanos) {
        if (!on) {
            return;
        }
        synchronized (spans) {
            spans.add(new Span(name, (startNanos - originNanos) / 1_000_000, (endNanos - originNanos) / 1_000_000));
        }
    }

    /** The spans so far, by start. */
    public List<Span> spans() {
        synchronized (spans) {
            return spans.stream().sorted(Comparator.comparingLong(Span::startMillis)).toList();
        }
    }

    /** Milliseconds since the JVM started, now. */
    public long nowMillis() {
        return (System.nanoTime() - originNanos) / 1_000_000;
    }
}
