package io.github.kvkit.runner;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The protocol between the validator and the child JVM that runs a candidate: framing over a loopback
 * socket, and a raw binary encoding of {@link Call}s (parent to child) and {@link CallOutcome}s (child to
 * parent). The candidate's stdout and stderr never carry protocol data, so nothing it prints can be taken
 * for a result.
 *
 * <h2>Frames</h2>
 * Every frame is {@code int magic, byte[16] nonce, byte type, int length, byte[length] payload}, header
 * big-endian. The nonce is random per child; the parent hands it to the child on its stdin, and a frame
 * with another nonce (or magic) ends the connection. The payload is little-endian and built with
 * {@link Encoder}/{@link Decoder}.
 *
 * <h2>Arrays</h2>
 * An {@link INDArray} is sent with its data type, order, shape, strides and the elements of its buffer from
 * its offset, so the child gets the same layout the validator built: 'c', 'f' or a strided view. Within one
 * frame an array object sent twice is sent once and referenced after, so calls that pass the same object
 * (self-attention, a query reused by a derived call) still do in the child. Tensors travel as doubles.
 */
public final class Wire {

    /** "KVK1". */
    public static final int MAGIC = 0x4B564B31;
    public static final int NONCE_BYTES = 16;

    private Wire() {
    }

    /** What a frame says. */
    public enum Type {
        /** child: connected; payload = pid. */
        HELLO,
        /** child: ND4J is loaded, ready for work. */
        READY,
        /** parent: the candidate's class name and the binary names of all its classes. */
        INIT,
        /** parent: initialize the candidate class and construct it once with (16, 4, 32). */
        PROBE,
        /** child: the probe's static initialization finished; the constructor runs next. */
        PROBE_INITIALIZED,
        /** child: how the probe ended. */
        PROBE_RESULT,
        /** parent: the calls of one case. */
        CASE,
        /** child: the outcome of one call. */
        OUTCOME,
        /** child: every call of the case was made. */
        CASE_DONE,
        /** child (shutdown hook): the JVM is exiting, and what was running. */
        EXITING,
        /** parent: stop now. */
        DONE,
        /** child: the harness itself failed (not the candidate); payload = description. */
        FAILED
    }

    /** A received frame. */
    public record Frame(Type type, Decoder payload) {
    }

    /** A frame that breaks the protocol: wrong magic, wrong nonce, unknown type, too long. */
    public static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        public ProtocolException(String message) {
            super(message);
        }
    }

    /** One end of the connection; {@link #send} may be called from several threads. */
    public static final class Channel implements Closeable {
        private final Socket socket;
        private final byte[] nonce;
        private final int maxIncoming;
        private final DataInputStream in;
        private final DataOutputStream out;
        private final ReentrantLock writeLock = new ReentrantLock();

        /**
         * @param maxIncoming the longest payload accepted; a longer one is a {@link ProtocolException}
         */
        public Channel(Socket socket, byte[] nonce, int maxIncoming) throws IOException {
            if (nonce.length != NONCE_BYTES) {
                throw new IllegalArgumentException("nonce of " + nonce.length + " bytes");
            }
            this.socket = socket;
            this.nonce = nonce.clone();
            this.maxIncoming = maxIncoming;
            this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
        }

        public void send(Type type, Encoder payload) throws IOException {
            writeLock.lock();
            try {
                write(type, payload);
            } finally {
                writeLock.unlock();
            }
        }

        public void send(Type type) throws IOException {
            send(type, new Encoder());
        }

        /** Sends unless another thread holds the channel longer than {@code timeoutMillis}; false if not sent. */
        public boolean trySend(Type type, Encoder payload, long timeoutMillis) {
            try {
                if (!writeLock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                write(type, payload);
                return true;
            } catch (IOException e) {
                return false;
            } finally {
                writeLock.unlock();
            }
        }

        private void write(Type type, Encoder payload) throws IOException {
            ByteBuffer body = payload.finish();
            out.writeInt(MAGIC);
            out.write(nonce);
            out.writeByte(type.ordinal());
            out.writeInt(body.remaining());
            out.write(body.array(), body.arrayOffset() + body.position(), body.remaining());
            out.flush();
        }

        /**
         * The next frame; blocks.
         *
         * @throws java.io.EOFException when the other end closed the connection between frames
         * @throws ProtocolException    when the frame breaks the protocol
         */
        public Frame receive() throws IOException {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new ProtocolException("bad frame magic 0x" + Integer.toHexString(magic));
            }
            byte[] got = new byte[NONCE_BYTES];
            in.readFully(got);
            if (!MessageDigest.isEqual(got, nonce)) {
                throw new ProtocolException("frame with a wrong nonce");
            }
            int type = in.readUnsignedByte();
            if (type >= Type.values().length) {
                throw new ProtocolException("unknown frame type " + type);
            }
            int length = in.readInt();
            if (length < 0 || length > maxIncoming) {
                throw new ProtocolException("frame of " + Integer.toUnsignedString(length) + " bytes, more than the "
                        + maxIncoming + " accepted");
            }
            byte[] body = new byte[length];
            in.readFully(body);
            return new Frame(Type.values()[type], new Decoder(ByteBuffer.wrap(body)));
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    // ------------------------------------------------------------------------------------------ payloads

    /** Builds a payload in a growing little-endian buffer. Arrays are shared within one encoder. */
    public static final class Encoder {
        private ByteBuffer buf = ByteBuffer.allocate(1 << 12).order(ByteOrder.LITTLE_ENDIAN);
        private final Map<INDArray, Integer> sent = new IdentityHashMap<>();

        private void ensure(long more) {
            if (buf.remaining() >= more) {
                return;
            }
            long needed = (long) buf.position() + more;
            if (needed > Integer.MAX_VALUE - 64) {
                throw new BufferOverflowException();
            }
            long size = Math.max(needed, Math.min((long) buf.capacity() * 2, Integer.MAX_VALUE - 64));
            ByteBuffer bigger = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }

        public Encoder putByte(int b) {
            ensure(1);
            buf.put((byte) b);
            return this;
        }

        public Encoder putBoolean(boolean b) {
            return putByte(b ? 1 : 0);
        }

        public Encoder putInt(int v) {
            ensure(4);
            buf.putInt(v);
            return this;
        }

        public Encoder putLong(long v) {
            ensure(8);
            buf.putLong(v);
            return this;
        }

        /** UTF-8 with a length; {@code null} is kept. */
        public Encoder putString(String s) {
            if (s == null) {
                return putInt(-1);
            }
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            putInt(bytes.length);
            ensure(bytes.length);
            buf.put(bytes);
            return this;
        }

        public Encoder putLongs(long[] v) {
            if (v == null) {
                return putInt(-1);
            }
            putInt(v.length);
            ensure(8L * v.length);
            buf.asLongBuffer().put(v);
            buf.position(buf.position() + 8 * v.length);
            return this;
        }

        public Encoder putDoubles(double[] v) {
            putInt(v.length);
            ensure(8L * v.length);
            buf.asDoubleBuffer().put(v);
            buf.position(buf.position() + 8 * v.length);
            return this;
        }

        public Encoder putFloats(float[] v) {
            putInt(v.length);
            ensure(4L * v.length);
            buf.asFloatBuffer().put(v);
            buf.position(buf.position() + 4 * v.length);
            return this;
        }

        public Encoder putTensor(Tensor t) {
            if (t == null) {
                return putByte(0);
            }
            putByte(1);
            putLongs(t.shape());
            putString(t.dtype());
            return putDoubles(t.values());
        }

        /**
         * An array with its layout; an array already put in this encoder is sent as a reference to it.
         * FLOAT and DOUBLE arrays keep their order, strides and view-ness; other types arrive in 'c' order.
         */
        public Encoder putArray(INDArray a) {
            if (a == null) {
                return putByte(0);
            }
            Integer id = sent.get(a);
            if (id != null) {
                putByte(2);
                return putInt(id);
            }
            sent.put(a, sent.size());
            putByte(1);
            putString(a.dataType().name());
            long[] shape = a.shape();
            if (a.isEmpty()) {
                putByte(0);
                return putLongs(shape);
            }
            boolean strided = shape.length > 0 && (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE);
            if (!strided) {
                putByte(3);
                putLongs(shape);
                return putDoubles(Tensor.of(a).values());
            }
            putByte(a.dataType() == DataType.FLOAT ? 1 : 2);
            putByte(a.ordering());
            putLongs(shape);
            putLongs(a.stride());
            if (a.dataType() == DataType.FLOAT) {
                return putFloats(a.data().asFloat());
            }
            return putDoubles(a.data().asDouble());
        }

        /** The bytes written, ready to read. */
        ByteBuffer finish() {
            ByteBuffer copy = buf.duplicate();
            copy.flip();
            return copy;
        }

        public int size() {
            return buf.position();
        }
    }

    /** Reads a payload; every malformed read is a {@link ProtocolException}. */
    public static final class Decoder {
        private final ByteBuffer buf;
        private final List<INDArray> received = new ArrayList<>();

        Decoder(ByteBuffer buf) {
            this.buf = buf.order(ByteOrder.LITTLE_ENDIAN);
        }

        public int remaining() {
            return buf.remaining();
        }

        private void need(long bytes) throws ProtocolException {
            if (bytes < 0 || buf.remaining() < bytes) {
                throw new ProtocolException("truncated payload: " + bytes + " bytes wanted, " + buf.remaining() + " left");
            }
        }

        public int getByte() throws ProtocolException {
            need(1);
            return buf.get() & 0xFF;
        }

        public boolean getBoolean() throws ProtocolException {
            return getByte() != 0;
        }

        public int getInt() throws ProtocolException {
            need(4);
            return buf.getInt();
        }

        public long getLong() throws ProtocolException {
            need(8);
            return buf.getLong();
        }

        public String getString() throws ProtocolException {
            int n = getInt();
            if (n == -1) {
                return null;
            }
            need(n);
            String s = new String(buf.array(), buf.arrayOffset() + buf.position(), n, StandardCharsets.UTF_8);
            buf.position(buf.position() + n);
            return s;
        }

        public long[] getLongs() throws ProtocolException {
            int n = getInt();
            if (n == -1) {
                return null;
            }
            need(8L * n);
            long[] v = new long[n];
            buf.asLongBuffer().get(v);
            buf.position(buf.position() + 8 * n);
            return v;
        }

        public double[] getDoubles() throws ProtocolException {
            int n = getInt();
            need(8L * n);
            double[] v = new double[n];
            buf.asDoubleBuffer().get(v);
            buf.position(buf.position() + 8 * n);
            return v;
        }

        public float[] getFloats() throws ProtocolException {
            int n = getInt();
            need(4L * n);
            float[] v = new float[n];
            buf.asFloatBuffer().get(v);
            buf.position(buf.position() + 4 * n);
            return v;
        }

        public Tensor getTensor() throws ProtocolException {
            if (getByte() == 0) {
                return null;
            }
            long[] shape = getLongs();
            String dtype = getString();
            double[] values = getDoubles();
            if (shape == null || dtype == null || product(shape) != values.length) {
                throw new ProtocolException("malformed tensor");
            }
            return new Tensor(shape, dtype, values);
        }

        /** An array as {@link Encoder#putArray} sent it: a fresh array with the same type, layout and values. */
        public INDArray getArray() throws ProtocolException {
            int tag = getByte();
            if (tag == 0) {
                return null;
            }
            if (tag == 2) {
                int id = getInt();
                if (id < 0 || id >= received.size()) {
                    throw new ProtocolException("reference to unknown array " + id);
                }
                return received.get(id);
            }
            if (tag != 1) {
                throw new ProtocolException("bad array tag " + tag);
            }
            DataType type;
            try {
                type = DataType.valueOf(String.valueOf(getString()));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("unknown data type");
            }
            int kind = getByte();
            INDArray a;
            try {
                a = switch (kind) {
                    case 0 -> Nd4j.create(type, getLongs());
                    case 1, 2 -> {
                        char order = (char) getByte();
                        long[] shape = getLongs();
                        long[] stride = getLongs();
                        if (kind == 1) {
                            float[] values = getFloats();
                            requireSpan(shape, stride, values.length);
                            yield Nd4j.create(Nd4j.createBuffer(values), shape, stride, 0, order, DataType.FLOAT);
                        }
                        double[] values = getDoubles();
                        requireSpan(shape, stride, values.length);
                        yield Nd4j.create(Nd4j.createBuffer(values), shape, stride, 0, order, DataType.DOUBLE);
                    }
                    case 3 -> {
                        long[] shape = getLongs();
                        double[] values = getDoubles();
                        INDArray d = shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, DataType.DOUBLE);
                        yield d.castTo(type);
                    }
                    default -> throw new ProtocolException("bad array kind " + kind);
                };
            } catch (RuntimeException e) {
                throw new ProtocolException("malformed array: " + e);
            }
            received.add(a);
            return a;
        }
    }

    /** The elements a shape and strides address must lie within the buffer sent. */
    private static void requireSpan(long[] shape, long[] stride, int length) throws ProtocolException {
        if (shape == null || stride == null || shape.length != stride.length || shape.length == 0) {
            throw new ProtocolException("malformed array layout");
        }
        long last = 0;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] <= 0 || stride[i] < 0) {
                throw new ProtocolException("malformed array layout");
            }
            last += (shape[i] - 1) * stride[i];
        }
        if (last >= length) {
            throw new ProtocolException("array layout reaches element " + last + " of a buffer of " + length);
        }
    }

    private static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Reads back what {@code e} holds, without a connection (for tests and measurements). */
    public static Decoder decoderOf(Encoder e) {
        ByteBuffer b = e.finish();
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        return new Decoder(ByteBuffer.wrap(copy));
    }

    // ------------------------------------------------------------------------------------ calls, outcomes

    /** How an {@link Arg} is tagged on the wire: its ordinal. */
    enum ArgTag { INT, REAL, BOOL, INTS, ARRAY, RESULT, NULL }

    /** How a {@link CallOutcome} is tagged on the wire: its ordinal. */
    enum OutcomeTag { COMPLETED, RETURNED, THREW, UNUSABLE, NOT_RUN }

    /** The calls of a case, in order, sharing arrays as the objects in {@code calls} do. */
    public static void putCalls(Encoder e, List<Call> calls) {
        e.putInt(calls.size());
        for (Call call : calls) {
            e.putInt(call.index()).putString(call.method()).putBoolean(call.mustReject()).putInt(call.args().size());
            for (Arg arg : call.args()) {
                putArg(e, arg);
            }
        }
    }

    private static void putArg(Encoder e, Arg arg) {
        if (arg instanceof Arg.Int i) {
            e.putByte(ArgTag.INT.ordinal()).putInt(i.value());
        } else if (arg instanceof Arg.Real r) {
            e.putByte(ArgTag.REAL.ordinal()).putLong(Double.doubleToRawLongBits(r.value()));
        } else if (arg instanceof Arg.Bool b) {
            e.putByte(ArgTag.BOOL.ordinal()).putBoolean(b.value());
        } else if (arg instanceof Arg.Ints ints) {
            e.putByte(ArgTag.INTS.ordinal()).putInt(ints.values().length);
            for (int v : ints.values()) {
                e.putInt(v);
            }
        } else if (arg instanceof Arg.Array a) {
            e.putByte(ArgTag.ARRAY.ordinal()).putArray(a.value());
        } else if (arg instanceof Arg.Result r) {
            e.putByte(ArgTag.RESULT.ordinal()).putInt(r.call()).putString(r.part());
        } else {
            e.putByte(ArgTag.NULL.ordinal());
        }
    }

    public static List<Call> getCalls(Decoder d) throws ProtocolException {
        int n = d.getInt();
        if (n < 0) {
            throw new ProtocolException("negative call count");
        }
        List<Call> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = d.getInt();
            String method = d.getString();
            boolean mustReject = d.getBoolean();
            int count = d.getInt();
            if (method == null || count < 0) {
                throw new ProtocolException("malformed call");
            }
            List<Arg> args = new ArrayList<>(Math.min(count, 64));
            for (int k = 0; k < count; k++) {
                args.add(getArg(d));
            }
            calls.add(new Call(index, method, args, mustReject));
        }
        return calls;
    }

    private static Arg getArg(Decoder d) throws ProtocolException {
        return switch (tag(ArgTag.values(), d.getByte(), "argument")) {
            case INT -> new Arg.Int(d.getInt());
            case REAL -> new Arg.Real(Double.longBitsToDouble(d.getLong()));
            case BOOL -> new Arg.Bool(d.getBoolean());
            case INTS -> {
                int n = d.getInt();
                if (n < 0 || n > d.remaining() / 4) {
                    throw new ProtocolException("malformed int array");
                }
                int[] values = new int[n];
                for (int k = 0; k < n; k++) {
                    values[k] = d.getInt();
                }
                yield new Arg.Ints(values);
            }
            case ARRAY -> {
                INDArray a = d.getArray();
                yield a == null ? Arg.Null.NULL : new Arg.Array(a);
            }
            case RESULT -> new Arg.Result(d.getInt(), orEmpty(d.getString()));
            case NULL -> Arg.Null.NULL;
        };
    }

    public static void putOutcome(Encoder e, CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Completed) {
            e.putByte(OutcomeTag.COMPLETED.ordinal());
        } else if (outcome instanceof CallOutcome.Returned r) {
            e.putByte(OutcomeTag.RETURNED.ordinal()).putInt(r.arrays().size());
            for (Map.Entry<String, Tensor> a : r.arrays().entrySet()) {
                e.putString(a.getKey()).putTensor(a.getValue());
            }
            e.putInt(r.numbers().size());
            for (Map.Entry<String, long[]> n : r.numbers().entrySet()) {
                e.putString(n.getKey()).putLongs(n.getValue());
            }
        } else if (outcome instanceof CallOutcome.Threw t) {
            e.putByte(OutcomeTag.THREW.ordinal()).putString(t.type()).putString(t.message()).putString(t.where())
                    .putBoolean(t.illegalArgument());
        } else if (outcome instanceof CallOutcome.Unusable u) {
            e.putByte(OutcomeTag.UNUSABLE.ordinal()).putString(u.why());
        } else {
            e.putByte(OutcomeTag.NOT_RUN.ordinal()).putString(((CallOutcome.NotRun) outcome).why());
        }
    }

    public static CallOutcome getOutcome(Decoder d) throws ProtocolException {
        return switch (tag(OutcomeTag.values(), d.getByte(), "outcome")) {
            case COMPLETED -> new CallOutcome.Completed();
            case RETURNED -> {
                Map<String, Tensor> arrays = new LinkedHashMap<>();
                int n = d.getInt();
                for (int k = 0; k < n; k++) {
                    String name = d.getString();
                    Tensor t = d.getTensor();
                    if (name == null || t == null || arrays.put(name, t) != null) {
                        throw new ProtocolException("malformed result array");
                    }
                }
                Map<String, long[]> numbers = new LinkedHashMap<>();
                int m = d.getInt();
                for (int k = 0; k < m; k++) {
                    String name = d.getString();
                    long[] v = d.getLongs();
                    if (name == null || v == null || numbers.put(name, v) != null) {
                        throw new ProtocolException("malformed result numbers");
                    }
                }
                if (n < 0 || m < 0) {
                    throw new ProtocolException("malformed result");
                }
                yield new CallOutcome.Returned(arrays, numbers);
            }
            case THREW -> new CallOutcome.Threw(orEmpty(d.getString()), orEmpty(d.getString()), orEmpty(d.getString()),
                    d.getBoolean());
            case UNUSABLE -> new CallOutcome.Unusable(orEmpty(d.getString()));
            case NOT_RUN -> new CallOutcome.NotRun(orEmpty(d.getString()));
        };
    }

    private static <T extends Enum<T>> T tag(T[] values, int tag, String what) throws ProtocolException {
        if (tag >= values.length) {
            throw new ProtocolException("bad " + what + " tag " + tag);
        }
        return values[tag];
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Lower-case hex of {@code bytes}. */
    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    /** The bytes of a hex string. */
    public static byte[] unhex(String s) {
        if (s.length() % 2 != 0) {
            throw new IllegalArgumentException("odd hex length");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not hex: " + s);
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
