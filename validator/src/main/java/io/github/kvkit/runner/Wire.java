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

    /** The calls of a case, in order, sharing arrays as the objects in {@code calls} do. */
    public static void putCalls(Encoder e, List<Call> calls) {
        e.putInt(calls.size());
        for (Call call : calls) {
            e.putInt(call.index());
            e.putBoolean(call.mustReject());
            if (call instanceof Call.Construct c) {
                e.putByte(0).putInt(c.dModel()).putInt(c.numHeads()).putInt(c.maxCacheLen());
            } else if (call instanceof Call.LoadWeights w) {
                e.putByte(1);
                if (w.weights() == null) {
                    e.putInt(-1);
                } else {
                    e.putInt(w.weights().length);
                    for (INDArray a : w.weights()) {
                        e.putArray(a);
                    }
                }
            } else {
                Call.Forward f = (Call.Forward) call;
                e.putByte(2).putArray(f.query()).putArray(f.key()).putArray(f.value())
                        .putBoolean(f.keyIsQuery()).putBoolean(f.valueIsQuery()).putInt(f.cacheFromCall())
                        .putArray(f.cacheKey()).putArray(f.cacheValue())
                        .putBoolean(f.causal()).putBoolean(f.fullCapture());
            }
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
            boolean mustReject = d.getBoolean();
            int kind = d.getByte();
            switch (kind) {
                case 0 -> calls.add(new Call.Construct(index, d.getInt(), d.getInt(), d.getInt(), mustReject));
                case 1 -> {
                    int count = d.getInt();
                    INDArray[] weights = null;
                    if (count >= 0) {
                        weights = new INDArray[count];
                        for (int k = 0; k < count; k++) {
                            weights[k] = d.getArray();
                        }
                    }
                    calls.add(new Call.LoadWeights(index, weights, mustReject));
                }
                case 2 -> {
                    INDArray query = d.getArray();
                    INDArray key = d.getArray();
                    INDArray value = d.getArray();
                    boolean keyIsQuery = d.getBoolean();
                    boolean valueIsQuery = d.getBoolean();
                    int cacheFrom = d.getInt();
                    INDArray cacheKey = d.getArray();
                    INDArray cacheValue = d.getArray();
                    boolean causal = d.getBoolean();
                    boolean full = d.getBoolean();
                    calls.add(new Call.Forward(index, query, key, value, keyIsQuery, valueIsQuery, cacheFrom, cacheKey,
                            cacheValue, causal, full, mustReject));
                }
                default -> throw new ProtocolException("bad call kind " + kind);
            }
        }
        return calls;
    }

    public static void putOutcome(Encoder e, CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Completed) {
            e.putByte(0);
        } else if (outcome instanceof CallOutcome.Returned r) {
            e.putByte(1).putTensor(r.output()).putTensor(r.attentionWeights()).putTensor(r.cacheKey())
                    .putTensor(r.cacheValue()).putLongs(r.cacheKeyShape()).putLongs(r.cacheValueShape())
                    .putBoolean(r.cacheTailOnly()).putLongs(r.inputDigests()).putLong(r.weightsDigest())
                    .putLong(r.cacheDigest()).putLongs(r.resultDigests()).putLongs(r.laterDigests());
        } else if (outcome instanceof CallOutcome.Threw t) {
            e.putByte(2).putString(t.type()).putString(t.message()).putString(t.where()).putBoolean(t.illegalArgument());
        } else if (outcome instanceof CallOutcome.Unusable u) {
            e.putByte(3).putString(u.why());
        } else {
            e.putByte(4).putString(((CallOutcome.NotRun) outcome).why());
        }
    }

    public static CallOutcome getOutcome(Decoder d) throws ProtocolException {
        int kind = d.getByte();
        return switch (kind) {
            case 0 -> new CallOutcome.Completed();
            case 1 -> {
                Tensor output = d.getTensor();
                Tensor weights = d.getTensor();
                Tensor cacheKey = d.getTensor();
                Tensor cacheValue = d.getTensor();
                long[] keyShape = d.getLongs();
                long[] valueShape = d.getLongs();
                boolean tail = d.getBoolean();
                long[] inputs = d.getLongs();
                long weightsDigest = d.getLong();
                long cacheDigest = d.getLong();
                long[] results = d.getLongs();
                long[] later = d.getLongs();
                if (output == null || weights == null || cacheKey == null || cacheValue == null || keyShape == null
                        || valueShape == null || inputs == null || inputs.length != 5 || results == null
                        || results.length != 2 || later == null || later.length % 3 != 0) {
                    throw new ProtocolException("malformed forward result");
                }
                yield new CallOutcome.Returned(output, weights, cacheKey, cacheValue, keyShape, valueShape, tail,
                        inputs, weightsDigest, cacheDigest, results, later);
            }
            case 2 -> new CallOutcome.Threw(orEmpty(d.getString()), orEmpty(d.getString()), orEmpty(d.getString()),
                    d.getBoolean());
            case 3 -> new CallOutcome.Unusable(orEmpty(d.getString()));
            case 4 -> new CallOutcome.NotRun(orEmpty(d.getString()));
            default -> throw new ProtocolException("bad outcome kind " + kind);
        };
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
