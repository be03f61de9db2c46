package io.github.kvkit.validator.judge;

import io.github.kvkit.validator.track.CachedExpected;
import io.github.kvkit.validator.track.Track;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** The bytes of the code that computes a track's expected results, as a digest that changes whenever that code does. */
public final class ReferenceCode {

    private ReferenceCode() {
    }

    /**
     * The SHA-256, in hexadecimal, of the class files of {@link CachedExpected#referenceCode()} (each with its nested
     * classes, by name), or empty when {@code track} keeps no results (its reference, if any, is not named).
     *
     * @throws IOException when a class file cannot be read
     */
    public static String digest(Track track) throws IOException {
        List<Class<?>> code = track.cachedExpected().map(CachedExpected::referenceCode).orElse(List.of());
        return code.isEmpty() ? "" : digest(code);
    }

    /** The same of these classes. */
    static String digest(List<Class<?>> code) throws IOException {
        MessageDigest sha = sha256();
        for (Class<?> top : code) {
            Class<?>[] nest = top.getNestHost().getNestMembers();
            Arrays.sort(nest, Comparator.comparing(Class::getName));
            for (Class<?> c : nest) {
                part(sha, c.getName().getBytes(StandardCharsets.UTF_8));
                part(sha, classFile(c));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Feeds {@code bytes} with its length first, so that no two sequences of parts digest alike. */
    static void part(MessageDigest sha, byte[] bytes) {
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
        sha.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
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
}
