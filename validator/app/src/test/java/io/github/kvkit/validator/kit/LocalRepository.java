package io.github.kvkit.validator.kit;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The local Maven repository this JVM's class path comes from, which the kit tests run Maven offline on, and the
 * removal of a kit's own artifacts from it once a test is done with them.
 */
final class LocalRepository {

    private LocalRepository() {
    }

    /** The local Maven repository this JVM's ND4J jar lies in. */
    static Path path() {
        try {
            Path jar = Path.of(Nd4j.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // REPOSITORY/org/nd4j/nd4j-api/VERSION/nd4j-api-VERSION.jar
            Path repository = jar.getParent().getParent().getParent().getParent().getParent();
            if (!Files.isDirectory(repository.resolve("org/nd4j/nd4j-api"))) {
                throw new IllegalStateException(jar + " is not in a Maven repository's layout");
            }
            return repository;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deletes from the local repository every version a kit's own repository ({@code kitRepository}, a folder laid
     * out as {@code io/github/kvkit/ARTIFACT/VERSION}) holds: Maven copied them there when it built the kit.
     */
    static void forget(Path kitRepository) throws IOException {
        Path group = kitRepository.resolve("io/github/kvkit");
        if (!Files.isDirectory(group)) {
            return;
        }
        try (Stream<Path> versions = Files.list(group).flatMap(LocalRepository::list)) {
            for (Path version : versions.toList()) {
                TestFolders.delete(path().resolve("io/github/kvkit").resolve(group.relativize(version)));
            }
        }
    }

    private static Stream<Path> list(Path folder) {
        try {
            return Files.list(folder).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
