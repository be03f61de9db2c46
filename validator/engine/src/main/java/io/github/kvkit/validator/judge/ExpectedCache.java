package io.github.kvkit.validator.judge;

import io.github.kvkit.harness.wire.Decoder;
import io.github.kvkit.harness.wire.Encoder;
import io.github.kvkit.validator.judge.ReferenceOracle.Expected;
import io.github.kvkit.validator.track.CachedExpected;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The reference's expected results kept on disk, one file per {@link ExpectedCacheKey}, so that a batch and every
 * later run on the same machine compute each case once. An entry holds the results and the reference's CPU time
 * on the case, which sets the case's time limit as if it had just been computed.
 *
 * <p>It never changes a verdict: an entry is found only under the key of exactly what it was computed from, and
 * one that cannot be read whole (cut short, bit rot, another format, a key that does not match its name) is
 * ignored and computed again. Writers never clash: each writes a temporary file of its own and moves it into place
 * atomically, so a reader sees a whole entry or none, and two writers of one key write the same bytes. Failures
 * to read or write are not errors: the results are then computed, as without a cache.
 *
 * <p>The folder is made {@code rwx------} and entries {@code rw-------}: they hold the results of hidden cases.
 */
public final class ExpectedCache {

    /** The environment variable naming the folder, when no option does. */
    public static final String ENVIRONMENT = "KVKIT_EXPECTED_CACHE";

    private static final byte[] MAGIC = "kvkit expected results\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final int CRC_BYTES = Integer.BYTES;

    /** The folder, or null for no cache. */
    private final Path folder;

    private ExpectedCache(Path folder) {
        this.folder = folder;
    }

    /** No cache: every run computes the expected results. */
    public static ExpectedCache none() {
        return new ExpectedCache(null);
    }

    /** A cache in {@code folder}, created when the first entry is written. */
    public static ExpectedCache in(Path folder) {
        return new ExpectedCache(folder.toAbsolutePath().normalize());
    }

    /**
     * Where the cache is unless an option says: {@code $KVKIT_EXPECTED_CACHE}, else
     * {@code $XDG_CACHE_HOME/kvkit/expected}, else {@code ~/.cache/kvkit/expected}.
     */
    public static Path defaultFolder(Map<String, String> environment) {
        String own = environment.get(ENVIRONMENT);
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("kvkit").resolve("expected");
    }

    /** The folder, or empty for no cache. */
    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /** The entry of {@code key}, or empty when there is none that can be read whole. */
    Optional<Expected> read(ExpectedCacheKey key, CachedExpected codec) {
        if (folder == null) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Streams.readAll(entry(key));
            if (!intact(bytes)) {
                return Optional.empty();
            }
            Decoder in = Decoder.of(bytes);
            for (byte b : MAGIC) {
                if (in.getByte() != (b & 0xFF)) {
                    return Optional.empty();
                }
            }
            if (in.getInt() != ExpectedCacheKey.FORMAT || !key.hex().equals(in.getString())) {
                return Optional.empty();
            }
            Duration referenceTime = Duration.ofNanos(in.getLong());
            Object results = codec.read(in);
            return in.remaining() == CRC_BYTES ? Optional.of(new Expected(results, referenceTime)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // no entry, or one that cannot be used: compute the results, as without a cache
            return Optional.empty();
        }
    }

    /** Keeps {@code expected} under {@code key}; says nothing when it cannot (the next run computes it again). */
    void write(ExpectedCacheKey key, CachedExpected codec, Expected expected) {
        if (folder == null) {
            return;
        }
        Encoder out = new Encoder();
        for (byte b : MAGIC) {
            out.putByte(b);
        }
        out.putInt(ExpectedCacheKey.FORMAT).putString(key.hex()).putLong(expected.referenceTime().toNanos());
        codec.write(expected.results(), out);
        byte[] body = out.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        Path tmp = null;
        try {
            createFolder();
            tmp = Files.createTempFile(folder, "." + key.hex() + ".", ".tmp");   // rw------- where POSIX
            byte[] tail = ByteBuffer.allocate(CRC_BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).array();
            Streams.write(tmp, body, tail);
            move(tmp, entry(key));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // an unwritable cache costs time, never a verdict
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Plain file streams, not NIO channels: a channel is closed when its thread is interrupted, and in a batch the
     * thread that reads or writes an entry for every validation may belong to one that just ended (a submission that
     * does not compile), which interrupts its thread. The entry is still wanted by the others.
     */
    private static final class Streams {

        static byte[] readAll(Path file) throws IOException {
            try (InputStream in = new FileInputStream(file.toFile())) {
                return in.readAllBytes();
            }
        }

        static void write(Path file, byte[]... parts) throws IOException {
            try (OutputStream out = new FileOutputStream(file.toFile())) {
                for (byte[] part : parts) {
                    out.write(part);
                }
            }
        }
    }

    private void createFolder() throws IOException {
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(folder);
        }
    }

    private Path entry(ExpectedCacheKey key) {
        return folder.resolve(key.hex() + ".bin");
    }

    /** Whether the last four bytes are the CRC-32C of the others. */
    private static boolean intact(byte[] bytes) {
        if (bytes.length < MAGIC.length + CRC_BYTES) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - CRC_BYTES);
        int stored = ByteBuffer.wrap(bytes, bytes.length - CRC_BYTES, CRC_BYTES).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return stored == (int) crc.getValue();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stray temporary file is never read: entries are found by their own names only
        }
    }
}
