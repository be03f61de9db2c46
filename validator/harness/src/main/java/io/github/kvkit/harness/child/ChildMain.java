package io.github.kvkit.harness.child;

import io.github.kvkit.harness.ArgumentGuard;
import io.github.kvkit.harness.Call;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Contract;
import io.github.kvkit.harness.Digest;
import io.github.kvkit.harness.ProbeFailure;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.harness.TrackHarness;
import io.github.kvkit.harness.wire.CallCodec;
import io.github.kvkit.harness.wire.Channel;
import io.github.kvkit.harness.wire.Decoder;
import io.github.kvkit.harness.wire.Encoder;
import io.github.kvkit.harness.wire.Frame;
import io.github.kvkit.harness.wire.FrameType;
import io.github.kvkit.harness.wire.Nonce;
import io.github.kvkit.harness.wire.ProtocolException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The main class of the child JVM that runs one candidate for the validator
 * (the validator's {@code ChildJvmRunner}).
 *
 * <p>It reads {@code "<nonce hex> <socket path>\n"} from stdin, connects to the validator's Unix domain socket
 * at that path (in its work directory: a sandboxed child has no network), loads
 * ND4J, then serves frames ({@link io.github.kvkit.harness.wire.Channel}): the track's harness and the candidate class to use, a probe of the
 * candidate class, then one case after another, each with a fresh executor of the track's {@link TrackHarness},
 * sending every call's raw outcome as soon as it is known. It never writes
 * to stdout or stderr itself: those belong to the candidate. A shutdown hook reports a {@code System.exit}
 * and what was running; when the validator says {@link FrameType#DONE}, or goes away, the JVM halts, whatever
 * threads the candidate left running.
 */
public final class ChildMain {

    /** Exit status when the harness itself fails (it says why in a {@link FrameType#FAILED} frame first if it can). */
    public static final int HARNESS_FAILED = 70;

    /** What the main thread is doing, as reported by {@link FrameType#EXITING}. */
    public static final int IDLE = 0;
    public static final int PROBE_INIT = 1;
    public static final int PROBE_CONSTRUCT = 2;
    public static final int CALL = 3;

    /** A probe result ({@link FrameType#PROBE_RESULT}) without failure; else {@code 1 + ProbeFailure.Kind} ordinal. */
    public static final int PROBE_OK = 0;

    private static volatile int phase = IDLE;
    private static volatile int currentCall = -1;

    private final Channel channel;
    private final BlockingQueue<Frame> inbox = new LinkedBlockingQueue<>();
    private final ClassLoader loader = ChildMain.class.getClassLoader();
    /** Thread ids alive when the harness became ready: JVM, ND4J and harness threads, none of the candidate's. */
    private Set<Long> harnessThreads = Set.of();
    private TrackHarness harness;
    private String className;
    private String simpleName;
    private Set<String> candidateClasses = Set.of();

    private ChildMain(Channel channel) {
        this.channel = channel;
    }

    public static void main(String[] args) {
        Channel channel;
        try {
            String line = readLine(System.in);
            int space = line.indexOf(' ');
            byte[] nonce = Nonce.unhex(line.substring(0, space));
            SocketChannel socket = SocketChannel.open(UnixDomainSocketAddress.of(line.substring(space + 1)));
            channel = new Channel(socket, nonce, Integer.MAX_VALUE - 64);
            channel.send(FrameType.HELLO);
        } catch (Throwable t) {
            Runtime.getRuntime().halt(HARNESS_FAILED);
            return;
        }
        new ChildMain(channel).serve();
    }

    /** One line of stdin (UTF-8), read byte by byte so nothing after it is consumed. */
    private static String readLine(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        int n = 0;
        for (int b = in.read(); b != -1 && b != '\n' && n < buf.length; b = in.read()) {
            buf[n++] = (byte) b;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    private void serve() {
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    inbox.put(channel.receive());
                }
            } catch (Throwable t) {
                // the validator went away or broke the protocol: nobody is left to report to
                Runtime.getRuntime().halt(HARNESS_FAILED);
            }
        }, "kvkit-child-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            warmUp();
        } catch (Throwable t) {
            fail("ND4J could not be loaded: " + t);
        }
        harnessThreads = liveThreadIds();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> channel.trySend(FrameType.EXITING,
                new Encoder().putByte(phase).putInt(currentCall), 2000), "kvkit-child-exit-report"));
        try {
            channel.send(FrameType.READY);
            while (true) {
                Frame frame = inbox.take();
                switch (frame.type()) {
                    case INIT -> init(frame.payload());
                    case PROBE -> probe();
                    case CASE -> runCase(CallCodec.getCalls(frame.payload()));
                    case DONE -> {
                        flushStandardStreams();
                        Runtime.getRuntime().halt(0);
                    }
                    default -> fail("unexpected frame " + frame.type());
                }
            }
        } catch (Throwable t) {
            fail("the harness failed: " + t);
        }
    }

    /**
     * Loads ND4J's native backend and the harness classes before any candidate code runs, and runs the kinds of
     * operations attention code uses a few times, so the first case does not pay for a cold JIT alone. Only the
     * first step must succeed; the others are best effort.
     */
    private static void warmUp() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 4, 8);
        INDArray b = a.mmul(a.transpose()).castTo(DataType.FLOAT);
        Transforms.softmax(b, true);
        Tensor.of(b);
        Digest.of(a);
        for (int i = 0; i < 12; i++) {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                try {
                    INDArray x = Nd4j.rand(type, 2, 5, 16);
                    INDArray w = Nd4j.rand(type, 16, 16);
                    INDArray bias = Nd4j.rand(type, 16);
                    INDArray heads = x.reshape(10, 16).mmul(w).addRowVector(bias).reshape(2, 5, 4, 4)
                            .permute(0, 2, 1, 3).dup('c');
                    INDArray scores = Nd4j.matmul(heads, heads.permute(0, 1, 3, 2).dup('c')).muli(0.5);
                    INDArray flat = scores.reshape(40, 5);
                    INDArray weights = Transforms.softmax(flat, true);
                    weights.sum(1);
                    Nd4j.concat(1, x, x).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup();
                    Tensor.of(weights.reshape(2, 4, 5, 5));
                    Digest.of(x);
                } catch (RuntimeException e) {
                    return;
                }
            }
        }
    }

    private void init(Decoder d) throws ProtocolException, ReflectiveOperationException {
        harness = (TrackHarness) Class.forName(d.getString(), true, loader).getConstructor().newInstance();
        className = d.getString();
        int n = d.getInt();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++) {
            names.add(d.getString());
        }
        candidateClasses = Set.copyOf(names);
        simpleName = className.substring(className.lastIndexOf('.') + 1);
    }

    /** As the validator does in its own JVM: initialize, then construct once with the contract's probe arguments. */
    private void probe() throws IOException {
        Throwable failure = null;
        boolean initializing = true;
        Class<?> type = null;
        phase = PROBE_INIT;
        try {
            type = Class.forName(className, true, loader);
        } catch (Throwable t) {
            failure = t;
        }
        phase = IDLE;
        if (failure == null) {
            initializing = false;
            channel.send(FrameType.PROBE_INITIALIZED);
            phase = PROBE_CONSTRUCT;
            try {
                Contract contract = harness.contract();
                type.getConstructor(contract.parameterArray()).newInstance(contract.probeArguments().toArray());
            } catch (Throwable t) {
                failure = t;
            }
            phase = IDLE;
        }
        flushStandardStreams();
        channel.send(FrameType.PROBE_RESULT, probeResult(failure, initializing));
    }

    private Encoder probeResult(Throwable failure, boolean initializing) {
        ProbeFailure f = ProbeFailure.of(failure, initializing, candidateClasses, simpleName);
        Encoder e = new Encoder();
        if (f == null) {
            return e.putByte(PROBE_OK).putString("").putString("").putString("");
        }
        return e.putByte(1 + f.kind().ordinal()).putString(f.owner()).putString(f.description()).putString(f.where());
    }

    private void runCase(List<Call> calls) throws IOException, ClassNotFoundException {
        TrackHarness.CaseExecutor executor = new ArgumentGuard(
                harness.newCase(Class.forName(className, false, loader), candidateClasses));
        executor.prepare(calls);
        for (Call call : calls) {
            currentCall = call.index();
            phase = CALL;
            CallOutcome outcome = executor.execute(call);
            phase = IDLE;
            if (call.timedOnly() && outcome instanceof CallOutcome.Returned) {
                outcome = new CallOutcome.Completed();
            }
            String outOfMemory = outOfMemory(executor.lastThrown());
            Encoder e = new Encoder().putInt(call.index());
            CallCodec.putOutcome(e, outcome);
            e.putString(outOfMemory);
            e.putLong(executor.lastCallNanos());
            channel.send(FrameType.OUTCOME, e);
        }
        currentCall = -1;
        flushStandardStreams();
        channel.send(FrameType.CASE_DONE, new Encoder().putString(leftoverThreads()));
    }

    /** The threads alive now that the harness did not have when it became ready. */
    private static Set<Long> liveThreadIds() {
        Set<Long> ids = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            ids.add(t.getId());
        }
        return ids;
    }

    /**
     * The names of the threads the candidate started that are still running, comma-separated, or empty. An
     * idle worker of the common fork-join pool (parallel streams) does not count: it waits, and dies by itself.
     * Whatever still runs would slow the next case or act in it, so the validator ends this JVM after the case.
     */
    private String leftoverThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            boolean idlePoolWorker = t instanceof ForkJoinWorkerThread && t.getState() == Thread.State.WAITING;
            if (t.isAlive() && !harnessThreads.contains(t.getId()) && !idlePoolWorker) {
                names.add(t.getName());
            }
        }
        return String.join(", ", names);
    }

    /** {@code "Type: message"} of the first OutOfMemoryError among t and its causes, or null. */
    static String outOfMemory(Throwable t) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return describe(c);
            }
        }
        return null;
    }

    static String describe(Throwable t) {
        return ProbeFailure.describe(t);
    }

    private static void flushStandardStreams() {
        try {
            System.out.flush();
            System.err.flush();
        } catch (RuntimeException ignored) {
            // the candidate replaced them with something broken: nothing to flush
        }
    }

    private void fail(String why) {
        channel.trySend(FrameType.FAILED, new Encoder().putString(why), 2000);
        Runtime.getRuntime().halt(HARNESS_FAILED);
    }
}
