package io.github.kvkit.validator.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kvkit repository a kit is made from, and where a track's files lie in it: {@code challenge/ID/},
 * {@code test-cases/ID/visible/} and {@code hidden/}, {@code docs/tracks/ID.md}, {@code docs/student-guide.md},
 * {@code solution/ID/} and the poms of the modules. A missing piece is a {@link KitException} naming it.
 */
public final class SourceTree {

    private static final String FROM_ROOT = "; expected kvkit kit to run from the root of a kvkit repository";

    private final Path root;

    /** The repository at {@code root} (usually the working directory, as for every other command). */
    public SourceTree(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The one {@code .java} file in {@code challenge/ID/}: the class students fix. */
    public Path challenge(String track) throws KitException {
        Path dir = folder("challenge/" + track);
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(f -> f.getFileName().toString().endsWith(".java") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new KitException(relative(dir) + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        if (sources.size() != 1) {
            throw new KitException(relative(dir) + ": " + sources.size() + " .java files; expected exactly one, "
                    + "the class students fix");
        }
        return sources.get(0);
    }

    /** {@code test-cases/ID/visible/}. */
    public Path visibleCases(String track) throws KitException {
        return folder("test-cases/" + track + "/visible");
    }

    /** {@code test-cases/ID/diagnose/}, the cases {@code kvkit diagnose} adds to the visible ones, when the track has some. */
    public Optional<Path> diagnoseCases(String track) {
        Path dir = root.resolve("test-cases/" + track + "/diagnose");
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /** {@code test-cases/ID/hidden/}: the cases only graders have. */
    public Path hiddenCases(String track) throws KitException {
        return folder("test-cases/" + track + "/hidden");
    }

    /** {@code docs/tracks/ID.md}: the track's spec. */
    public Path spec(String track) throws KitException {
        return file("docs/tracks/" + track + ".md");
    }

    /** {@code docs/student-guide.md}. */
    public Path studentGuide() throws KitException {
        return file("docs/student-guide.md");
    }

    /** {@code solution/ID/}, the reference's sources, which may be absent. */
    public Path solution(String track) {
        return root.resolve("solution").resolve(track);
    }

    /** {@code .mvn/jvm.config}: the memory settings of the JVM that runs {@code mvn exec:java}, if there are any. */
    public Optional<Path> jvmConfig() {
        Path config = root.resolve(".mvn/jvm.config");
        return Files.isRegularFile(config) ? Optional.of(config) : Optional.empty();
    }

    /** The root {@code pom.xml}. */
    public Path rootPom() throws KitException {
        return file("pom.xml");
    }

    /** {@code path} as it is written inside the repository, with forward slashes. */
    public String relative(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    private Path folder(String name) throws KitException {
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new KitException(name + ": no such folder in " + root + FROM_ROOT);
        }
        return dir;
    }

    private Path file(String name) throws KitException {
        Path file = root.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new KitException(name + ": no such file in " + root + FROM_ROOT);
        }
        return file;
    }
}
