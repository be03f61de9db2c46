package io.github.kvkit.validator.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Maven repository in a folder ({@code group/artifact/version/artifact-version.ext}), which a kit's pom names as
 * a {@code file://} repository: Maven copies kvkit's artifacts from there and everything else from Central. Each
 * file has its {@code .sha1} next to it, so Maven checks it rather than warn that it cannot.
 */
final class FileRepository {

    private final Path root;
    private final String groupId;

    FileRepository(Path root, String groupId) {
        this.root = root;
        this.groupId = groupId;
    }

    /** Where {@code artifactId-version.extension} lies. */
    Path file(String artifactId, String version, String extension) {
        return root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + "." + extension);
    }

    /** Writes {@code artifactId-version.extension} and its checksum. */
    void put(String artifactId, String version, String extension, byte[] content) throws IOException {
        Path file = file(artifactId, version, extension);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), sha1(content), StandardCharsets.US_ASCII);
    }

    private static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
