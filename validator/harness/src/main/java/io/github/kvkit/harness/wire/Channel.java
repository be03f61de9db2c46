package io.github.kvkit.harness.wire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of the connection between the validator and the child JVM, framing over a stream socket (a Unix
 * domain socket in the child's work directory, which a sandboxed child reaches; it has no network): every frame is
 * {@code int magic, byte[16] nonce, byte type, int length, byte[length] payload}, header big-endian. The nonce is
 * random per child; the parent hands it to the child on its stdin, and a frame with another nonce (or magic) ends
 * the connection. {@link #send} may be called from several threads.
 */
public final class Channel implements Closeable {

    /** "KVK1". */
    public static final int MAGIC = 0x4B564B31;

    private final SocketChannel socket;
    private final byte[] nonce;
    private final int maxIncoming;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final ReentrantLock writeLock = new ReentrantLock();

    /**
     * @param maxIncoming the longest payload accepted; a longer one is a {@link ProtocolException}
     */
    public Channel(SocketChannel socket, byte[] nonce, int maxIncoming) throws IOException {
        if (nonce.length != Nonce.BYTES) {
            throw new IllegalArgumentException("nonce of " + nonce.length + " bytes");
        }
        this.socket = socket;
        this.nonce = nonce.clone();
        this.maxIncoming = maxIncoming;
        if (!socket.isBlocking()) {
            throw new IllegalArgumentException("the socket must be in blocking mode");
        }
        this.in = new DataInputStream(new BufferedInputStream(new In(socket), 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(new Out(socket), 1 << 16));
    }

    public void send(FrameType type, Encoder payload) throws IOException {
        writeLock.lock();
        try {
            write(type, payload);
        } finally {
            writeLock.unlock();
        }
    }

    public void send(FrameType type) throws IOException {
        send(type, new Encoder());
    }

    /** Sends unless another thread holds the channel longer than {@code timeoutMillis}; false if not sent. */
    public boolean trySend(FrameType type, Encoder payload, long timeoutMillis) {
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

    private void write(FrameType type, Encoder payload) throws IOException {
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
        byte[] got = new byte[Nonce.BYTES];
        in.readFully(got);
        if (!MessageDigest.isEqual(got, nonce)) {
            throw new ProtocolException("frame with a wrong nonce");
        }
        int type = in.readUnsignedByte();
        if (type >= FrameType.values().length) {
            throw new ProtocolException("unknown frame type " + type);
        }
        int length = in.readInt();
        if (length < 0 || length > maxIncoming) {
            throw new ProtocolException("frame of " + Integer.toUnsignedString(length) + " bytes, more than the "
                    + maxIncoming + " accepted");
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return new Frame(FrameType.values()[type], new Decoder(ByteBuffer.wrap(body)));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /*
     * Streams over the socket channel. Channels.newInputStream and newOutputStream would do, but in Java 17 both
     * lock the channel's blocking lock for each read and write: a reader thread waiting for the next frame would
     * block every send. The socket channel itself reads and writes concurrently.
     */

    private static final class In extends InputStream {
        private final SocketChannel socket;

        In(SocketChannel socket) {
            this.socket = socket;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : socket.read(ByteBuffer.wrap(b, off, len));
        }
    }

    private static final class Out extends OutputStream {
        private final SocketChannel socket;

        Out(SocketChannel socket) {
            this.socket = socket;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                socket.write(buf);
            }
        }
    }
}
