package io.github.kvkit.harness.wire;

import io.github.kvkit.harness.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a payload; every malformed read is a {@link ProtocolException}. */
public final class Decoder {
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

    /** The elements a shape and strides address must lie within the buffer sent. */
    static void requireSpan(long[] shape, long[] stride, int length) throws ProtocolException {
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

    static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Reads {@code bytes} as a payload, such as {@link Encoder#toByteArray()} made; they are not copied. */
    public static Decoder of(byte[] bytes) {
        return new Decoder(ByteBuffer.wrap(bytes));
    }

    /** Reads back what {@code e} holds, without a connection (for tests and measurements). */
    public static Decoder of(Encoder e) {
        ByteBuffer b = e.finish();
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        return new Decoder(ByteBuffer.wrap(copy));
    }
}
