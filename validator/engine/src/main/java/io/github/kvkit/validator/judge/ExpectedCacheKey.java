package io.github.kvkit.validator.judge;

import io.github.kvkit.harness.wire.CallCodec;
import io.github.kvkit.harness.wire.Encoder;
import io.github.kvkit.validator.KvkitVersion;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.track.CachedExpected;
import io.github.kvkit.validator.track.Track;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * What an entry of the {@link ExpectedCache} is filed under: the SHA-256 of everything the reference's results on a
 * case depend on. That is the case file's content, the reference's code (the class files of
 * {@link CachedExpected#referenceCode()}, nested classes included, {@link ReferenceCode}), kvkit's version and the
 * entry format, and the plan's calls as they are sent to a candidate: the arrays the reference computes on, so that
 * a change in how cases become arrays (the planner, ND4J's generator) cannot reuse an entry either.
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
        MessageDigest sha = ReferenceCode.sha256();
        ReferenceCode.part(sha, ("kvkit expected results, format " + FORMAT).getBytes(StandardCharsets.UTF_8));
        ReferenceCode.part(sha, KvkitVersion.VERSION.getBytes(StandardCharsets.UTF_8));
        ReferenceCode.part(sha, track.id().getBytes(StandardCharsets.UTF_8));
        ReferenceCode.part(sha, caseFile(plan.testCase().source()));
        Encoder calls = new Encoder();
        CallCodec.putCalls(calls, plan.calls());
        ReferenceCode.part(sha, calls.toByteArray());
        ReferenceCode.part(sha, ReferenceCode.digest(codec.referenceCode()).getBytes(StandardCharsets.UTF_8));
        return new ExpectedCacheKey(HexFormat.of().formatHex(sha.digest()));
    }

    /** Read with a plain stream, which, unlike a channel, an interrupt of the thread does not close (see ExpectedCache). */
    private static byte[] caseFile(Path file) throws IOException {
        try (InputStream in = new FileInputStream(file.toFile())) {
            return in.readAllBytes();
        }
    }
}
