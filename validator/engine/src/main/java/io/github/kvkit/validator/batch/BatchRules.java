package io.github.kvkit.validator.batch;

import io.github.kvkit.validator.KvkitVersion;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.judge.ReferenceCode;
import io.github.kvkit.validator.run.RunLimits;
import io.github.kvkit.validator.track.Track;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What every submission of a batch is graded by, as a digest: kvkit's version, the track and its reference's code,
 * each case file's name and content, the limits and the {@code --sandbox} mode asked for (not the mechanism found,
 * so shards graded on different machines agree). A submission's {@link #fingerprint} adds its own files: a run
 * grades a student again only when that changes.
 *
 * @param digest the SHA-256 in hexadecimal
 */
public record BatchRules(String digest) {

    /**
     * The rules of grading on {@code cases} of {@code track} under {@code limits} in sandbox mode {@code sandboxMode}.
     *
     * @throws IOException when a case file or the reference's code cannot be read
     */
    public static BatchRules of(Track track, List<TestCase> cases, RunLimits limits, String sandboxMode)
            throws IOException {
        MessageDigest sha = sha256();
        part(sha, "kvkit batch rules 1");
        part(sha, KvkitVersion.VERSION);
        part(sha, track.id());
        part(sha, ReferenceCode.digest(track));
        for (TestCase tc : cases) {
            part(sha, tc.source().getFileName().toString());
            part(sha, Files.readAllBytes(tc.source()));
        }
        part(sha, limits.toString());
        part(sha, sandboxMode);
        return new BatchRules(HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * What {@code submission} is graded from under these rules: they, its student's name, and each of its {@code .java}
     * files' path within it and content. Empty when a file cannot be read: such a submission is always graded again.
     */
    public String fingerprint(Submission submission) {
        MessageDigest sha = sha256();
        part(sha, digest);
        part(sha, submission.student());
        try {
            for (Path source : submission.sources()) {
                part(sha, submission.location().relativize(source).toString());
                part(sha, Files.readAllBytes(source));
            }
        } catch (IOException | IllegalArgumentException e) {
            return "";
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void part(MessageDigest sha, String text) {
        part(sha, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Feeds {@code bytes} with its length first, so that no two sequences of parts digest alike. */
    private static void part(MessageDigest sha, byte[] bytes) {
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
