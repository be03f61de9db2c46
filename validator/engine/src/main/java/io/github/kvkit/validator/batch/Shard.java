package io.github.kvkit.validator.batch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Share {@code index} of {@code count} of a class ({@code --shard 2/3}): the students whose name hashes to it.
 * By a hash of the name, not by position, so that a student stays in the same shard when others join or leave
 * the class, and each shard is graded the same wherever it runs.
 *
 * @param index from 1 to {@code count}
 * @param count how many shards the class is split into
 */
public record Shard(int index, int count) {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,4})\\s*/\\s*(\\d{1,4})\\s*");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": expected 1 <= i <= n");
        }
    }

    /** {@code i/n} with {@code 1 <= i <= n}, or empty for any other text. */
    public static Optional<Shard> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int i = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        return n >= 1 && i >= 1 && i <= n ? Optional.of(new Shard(i, n)) : Optional.empty();
    }

    /** Whether {@code student} is in this shard: the first 8 bytes of the SHA-256 of the name, modulo the count. */
    public boolean includes(String student) {
        long hash = ByteBuffer.wrap(sha256(student.getBytes(StandardCharsets.UTF_8))).getLong();
        return Long.remainderUnsigned(hash, count) == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
