package io.github.kvkit.validator.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Drains a child JVM's output (stdout and stderr merged), counts it and keeps the start of it, per case; calls
 * back once when a case prints past the limit. The output is the candidate's alone: it is never parsed.
 */
final class OutputCapture {

    /** How long the end of a case waits for the candidate's last output to be counted. */
    private static final long SYNC_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final long limit;
    private final int keep;
    private final LongConsumer onExceeded;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long bytes;
    private boolean exceeded;
    private volatile long requested;
    private long acknowledged;
    private boolean finished;
    private volatile Thread drainer;

    /**
     * @param limit      how many bytes a case may print before {@code onExceeded} is called with the count
     * @param keep       how many bytes of a case's output are kept
     * @param onExceeded called once per case, on the draining thread
     */
    OutputCapture(long limit, int keep, LongConsumer onExceeded) {
        this.limit = limit;
        this.keep = keep;
        this.onExceeded = onExceeded;
    }

    /** Starts a daemon thread that reads {@code process}'s output into this capture until the output ends. */
    void drain(Process process) {
        InputStream in = process.getInputStream();
        Thread t = new Thread(() -> drain(in, process), "kvkit-child-" + process.pid() + "-output");
        t.setDaemon(true);
        drainer = t;
        t.start();
    }

    /**
     * Reads the child's output as it comes. It polls {@code available()} rather than blocking in {@code read},
     * so that it alone touches the stream and can tell when the pipe is empty: a sync request
     * ({@link #sync}) is acknowledged only by an empty pipe seen after the request was made.
     */
    private void drain(InputStream in, Process process) {
        byte[] buf = new byte[8192];
        long idleNanos = TimeUnit.MICROSECONDS.toNanos(500);
        try {
            while (true) {
                long request = requested;
                int available = in.available();
                if (available > 0) {
                    int n = in.read(buf, 0, Math.min(buf.length, available));
                    if (n < 0) {
                        break;
                    }
                    append(buf, n);
                    idleNanos = TimeUnit.MICROSECONDS.toNanos(500);
                    continue;
                }
                acknowledge(request);
                if (!process.isAlive()) {
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        append(buf, n);
                    }
                    break;
                }
                LockSupport.parkNanos(idleNanos);
                idleNanos = Math.min(idleNanos * 2, TimeUnit.MILLISECONDS.toNanos(8));
            }
        } catch (IOException ignored) {
            // the process is gone
        } finally {
            finish();
        }
    }

    private void append(byte[] b, int n) {
        boolean fire;
        long total;
        synchronized (this) {
            bytes += n;
            int room = keep - kept.size();
            if (room > 0) {
                kept.write(b, 0, Math.min(room, n));
            }
            fire = !exceeded && bytes > limit;
            exceeded |= fire;
            total = bytes;
        }
        if (fire) {
            onExceeded.accept(total);
        }
    }

    /** The drainer saw the pipe empty after sync request {@code seq} was made. */
    private synchronized void acknowledge(long seq) {
        if (seq > acknowledged) {
            acknowledged = seq;
            notifyAll();
        }
    }

    /** The drainer reached the end of the output. */
    private synchronized void finish() {
        finished = true;
        notifyAll();
    }

    /**
     * Waits (at most {@code timeoutNanos}) until everything the child wrote before this call has been counted:
     * call it once the child said, over the socket, that it flushed its streams.
     */
    private void sync(long timeoutNanos) {
        long seq;
        synchronized (this) {
            seq = ++requested;
        }
        LockSupport.unpark(drainer);
        long until = System.nanoTime() + timeoutNanos;
        synchronized (this) {
            while (acknowledged < seq && !finished) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Starts a case: what was printed before it is dropped, and it gets the whole limit. */
    synchronized void begin() {
        kept.reset();
        bytes = 0;
        exceeded = false;
    }

    /** What was kept so far, without ending the case: for the reasons of failed starts. */
    synchronized String peek() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    /**
     * What was printed since {@link #begin}, once everything the child wrote before this call is counted (or
     * half a second has passed): call it after the child said it flushed its streams, or once it is dead.
     */
    Captured collect() {
        sync(SYNC_NANOS);
        return end();
    }

    private synchronized Captured end() {
        Captured c = new Captured(kept.toString(StandardCharsets.UTF_8), bytes);
        kept.reset();
        bytes = 0;
        exceeded = false;
        return c;
    }

    /** What a case printed: the kept start of it, and how many bytes in all. */
    record Captured(String text, long bytes) {
    }
}
