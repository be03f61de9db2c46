package io.github.kvkit.harness.wire;

import io.github.kvkit.harness.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Builds a payload in a growing little-endian buffer. An {@link INDArray} is sent with its data type, order, shape,
 * strides and the elements of its buffer from its offset, so the child gets the same layout the validator built:
 * 'c', 'f' or a strided view. Within one payload an array object put twice is sent once and referenced after, so
 * calls that pass the same object (self-attention) still do in the child. Tensors travel as doubles.
 */
public final class Encoder {
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

    /** A copy of the bytes written, to keep outside a connection (the engine's cache of expected results). */
    public byte[] toByteArray() {
        ByteBuffer b = finish();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }
}
