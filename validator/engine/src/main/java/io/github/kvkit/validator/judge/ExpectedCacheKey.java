package io.github.kvkit.validator.judge;

import io.github.kvkit.harness.wire.CallCodec;
import io.github.kvkit.harness.wire.Encoder;
import io.github.kvkit.validator.KvkitVersion;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.track.CachedExpected;
import io.github.kvkit.validator.track.Track;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * What an entry of the {@link ExpectedCache} is filed under: the SHA-256 of everything the reference's results on a
 * case depend on. That is the case file's content, the reference's code (the class files of
 * {@link CachedExpected#referenceCode()}, nested classes included), kvkit's version and the entry format, and the
 * plan's calls as they are sent to a candidate: the arrays the reference computes on, so that a change in how
 * cases become arrays (the planner, ND4J's generator) cannot reuse an entry either.
 *
 * @param hex the digest in lower-case hexadecimal, also the entry's file name
 */
public record ExpectedCacheKey(String hex) {

    /** Changes whenever an entry's layout or what goes into a key changes. */
    static final int FORMAT = 1;

    /**
     * The key of {@code plan}'s expected results.
     *
     * @throws IOException when the case file or a class file of the reference cannot be read (then nothing is cached)
     */
    public static ExpectedCacheKey of(Track track, CasePlan plan, CachedExpected codec) throws IOException {
        MessageDigest sha = sha256();
        part(sha, ("kvkit expected results, format " + FORMAT).getBytes(StandardCharsets.UTF_8));
        part(sha, KvkitVersion.VERSION.getBytes(StandardCharsets.UTF_8));
        part(sha, track.id().getBytes(StandardCharsets.UTF_8));
        part(sha, Files.readAllBytes(plan.testCase().source()));
        Encoder calls = new Encoder();
        CallCodec.putCalls(calls, plan.calls());
        part(sha, calls.toByteArray());
        for (Class<?> code : codec.referenceCode()) {
            Class<?>[] nest = code.getNestHost().getNestMembers();
            Arrays.sort(nest, Comparator.comparing(Class::getName));
            for (Class<?> c : nest) {
                part(sha, c.getName().getBytes(StandardCharsets.UTF_8));
                part(sha, classFile(c));
            }
        }
        return new ExpectedCacheKey(HexFormat.of().formatHex(sha.digest()));
    }

    /** Feeds {@code bytes} with its length first, so that no two sequences of parts digest alike. */
    private static void part(MessageDigest sha, byte[] bytes) {
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
        sha.update(bytes);
    }

    private static byte[] classFile(Class<?> c) throws IOException {
        ClassLoader loader = c.getClassLoader() != null ? c.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IOException("no class file for " + c.getName());
            }
            return in.readAllBytes();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
