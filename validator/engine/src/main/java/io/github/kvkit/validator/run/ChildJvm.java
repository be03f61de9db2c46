package io.github.kvkit.validator.run;

import io.github.kvkit.harness.wire.Channel;
import io.github.kvkit.harness.wire.Encoder;
import io.github.kvkit.harness.wire.Frame;
import io.github.kvkit.harness.wire.FrameType;
import io.github.kvkit.harness.wire.ProtocolException;
import io.github.kvkit.validator.sandbox.Confined;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One child JVM: its process, its connection, what it sent and what it printed. Frames are read on a thread of
 * their own into one queue of {@link ChildEvent}s, where the end of the connection and a passed output limit
 * arrive too, so a conversation waits in one place for whatever happens first. {@link ChildLauncher} starts it.
 */
final class ChildJvm {
    private final RunLimits limits;
    private final Process process;
    private final Confined confined;
    private final BlockingQueue<ChildEvent> events = new LinkedBlockingQueue<>();
    private final OutputCapture output;
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private Channel channel;
    private long launchedNanos;
    private long readyNanos;
    private volatile boolean closed;
    private volatile boolean killed;
    private volatile String failure;
    private volatile boolean outputLimitHit;

    /** Takes over a process started by its sandbox ({@code confined}): its output is drained from now on. */
    ChildJvm(RunLimits limits, Process process, Confined confined) {
        this.limits = limits;
        this.process = process;
        this.confined = confined;
        this.output = new OutputCapture(limits.outputLimitBytes(), limits.outputKeepBytes(), this::outputExceeded);
        output.drain(process);
    }

    /** The child's process, for its pid, its stdin and whether it is alive. */
    Process process() {
        return process;
    }

    /** What the child prints: a conversation begins and collects it per case. */
    OutputCapture output() {
        return output;
    }

    /** The connection, once {@link #attach}ed. */
    Channel channel() {
        return channel;
    }

    /**
     * Starts reading frames from {@code ch}, the child's authenticated connection. A FAILED frame is not passed
     * on: it is kept as {@link #failure()}, and the end of the connection that follows reports it.
     */
    void attach(Channel ch) {
        channel = ch;
        Thread reader = new Thread(this::read, "kvkit-child-" + process.pid() + "-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (true) {
                Frame f = channel.receive();
                bytesReceived.addAndGet(f.payload().remaining());
                if (f.type() == FrameType.FAILED) {
                    // the harness halts right after: its end of stream reports it, with this reason
                    String why = f.payload().getString();
                    failure = why == null || why.isEmpty() ? "no reason given" : why;
                    continue;
                }
                events.add(new ChildEvent.Received(f));
            }
        } catch (ProtocolException e) {
            closed = true;
            events.add(new ChildEvent.Closed(e.getMessage()));
        } catch (IOException e) {
            closed = true;
            events.add(new ChildEvent.Closed(null));
        }
    }

    /** Tells the child which candidate it runs: the class name and every class of the candidate's file. */
    void introduce(String harnessClass, String className, Collection<String> classNames) throws IOException {
        Encoder init = new Encoder().putString(harnessClass).putString(className).putInt(classNames.size());
        for (String name : classNames) {
            init.putString(name);
        }
        channel.send(FrameType.INIT, init);
    }

    /** The next event, waiting at most {@code nanos}; null if none came. */
    ChildEvent poll(long nanos) throws InterruptedException {
        return events.poll(nanos, TimeUnit.NANOSECONDS);
    }

    /** The next event if one is already there, else null. */
    ChildEvent poll() {
        return events.poll();
    }

    /** Reported before the kill, so the case sees the reason before the end of the connection. */
    private void outputExceeded(long bytes) {
        outputLimitHit = true;
        events.add(new ChildEvent.OutputExceeded(bytes));
        kill();
    }

    /** Whether a case ever printed past the output limit in this child. */
    boolean outputLimitHit() {
        return outputLimitHit;
    }

    /** Why the harness in the child failed, as it said in a FAILED frame, or null. */
    String failure() {
        return failure;
    }

    /** How long it took from launch to ready (ND4J loaded), in milliseconds. */
    long startMillis() {
        return (readyNanos - launchedNanos) / 1_000_000;
    }

    /** When it was launched and when it was ready, {@link System#nanoTime()} values. */
    long[] startSpan() {
        return new long[] {launchedNanos, readyNanos};
    }

    /** Set by the launcher once the child is ready. */
    void started(long launchedNanos, long readyNanos) {
        this.launchedNanos = launchedNanos;
        this.readyNanos = readyNanos;
    }

    /** Counts payload bytes sent to the child; received ones are counted as they arrive. */
    void sent(long bytes) {
        bytesSent.addAndGet(bytes);
    }

    /** Payload bytes sent to the child (calls) so far. */
    long bytesSent() {
        return bytesSent.get();
    }

    /** Payload bytes received from the child (outcomes, probe results...) so far. */
    long bytesReceived() {
        return bytesReceived.get();
    }

    /**
     * The CPU time the child has used so far, all its threads and the processes it started (in a sandbox, the
     * process started is the sandbox's, and the JVM one of its descendants), or -1 where it cannot be read.
     */
    long cpuNanos() {
        long own = cpuNanos(process.toHandle());
        if (own < 0) {
            return -1;
        }
        try (Stream<ProcessHandle> s = process.toHandle().descendants()) {
            return own + s.mapToLong(ChildJvm::cpuNanos).filter(n -> n > 0).sum();
        } catch (RuntimeException e) {
            return own;
        }
    }

    private static long cpuNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** Alive, connected, and nothing happened since the last case ended. */
    boolean usable() {
        return !closed && !killed && process.isAlive() && events.isEmpty();
    }

    /** The exit code once the process has exited, or null if it is still running after {@code grace}. */
    Integer awaitExit(Duration grace) {
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Kills the child and everything it started. */
    void kill() {
        killed = true;
        List<ProcessHandle> descendants;
        try (Stream<ProcessHandle> s = process.toHandle().descendants()) {
            descendants = s.collect(Collectors.toList());
        } catch (RuntimeException e) {
            descendants = List.of();
        }
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (channel != null) {
            channel.close();
        }
        confined.release();
        ChildRegistry.unregister(this);
    }

    /**
     * Asks the child to stop and returns; a daemon thread kills it (and whatever it started) if it has not
     * exited within the exit grace. The child halts whatever threads the candidate left running.
     */
    void stop() {
        if (channel == null || closed || killed || !process.isAlive()) {
            kill();
            return;
        }
        if (!channel.trySend(FrameType.DONE, new Encoder(), 500)) {
            kill();
            return;
        }
        Thread reaper = new Thread(() -> {
            List<ProcessHandle> started;
            try (Stream<ProcessHandle> s = process.toHandle().descendants()) {
                started = s.collect(Collectors.toList());
            } catch (RuntimeException e) {
                started = List.of();
            }
            if (awaitExit(limits.exitGrace()) == null) {
                kill();
            } else {
                started.forEach(ProcessHandle::destroyForcibly);
                channel.close();
                confined.release();
                ChildRegistry.unregister(this);
            }
        }, "kvkit-child-" + process.pid() + "-reaper");
        reaper.setDaemon(true);
        reaper.start();
    }

    /** ". Its output: ..." with what it printed so far, for start failures. */
    String outputSoFar() {
        String text = output.peek().strip();
        return text.isEmpty() ? "" : ". Its output: " + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
    }
}
