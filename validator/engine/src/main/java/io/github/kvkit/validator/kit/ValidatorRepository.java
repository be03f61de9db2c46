package io.github.kvkit.validator.kit;

import io.github.kvkit.validator.kit.Modules.Module;
import io.github.kvkit.validator.track.Track;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The validator as built artifacts in a kit's own Maven repository ({@code repository/}): the parent pom, and the
 * jar and pom of the engine, of a track's module and of the modules they depend on, made from the modules'
 * {@code target/classes}. The kit's {@code pom.xml} depends on the engine and the track and names the repository.
 *
 * <p>Their version is {@code REPOSITORYVERSION-kit-HASH}, a hash of the jars and poms: a local Maven repository never
 * serves one kit's jars, or the repository's own, for another's, and a kit whose validator did not change keeps it.
 */
final class ValidatorRepository {

    /** The kit's Maven repository, a folder of the kit. */
    static final String FOLDER = "repository";

    /**
     * What was written, for the kit's {@code pom.xml}.
     *
     * @param version   the artifacts' version
     * @param groupId   their Maven group
     * @param parent    the parent pom's artifact
     * @param parentPom the parent pom's path in the kit, with forward slashes (a child names its parent by path)
     * @param engine    the engine's artifact
     * @param track     the track module's artifact
     * @param artifacts every jar's artifact
     */
    record Written(String version, String groupId, String parent, String parentPom, String engine, String track,
                   List<String> artifacts) {

        /** The values a kit's templates name, {@code pom.xml.template}'s among them, for {@code trackId}; mutable. */
        Map<String, String> templateValues(String trackId) {
            Map<String, String> values = new HashMap<>();
            values.put("TRACK", trackId);
            values.put("VERSION", version);
            values.put("GROUP", groupId);
            values.put("PARENT", parent);
            values.put("PARENT_POM", parentPom);
            values.put("ENGINE", engine);
            values.put("TRACK_MODULE", track);
            values.put("REPOSITORY", FOLDER);
            return values;
        }
    }

    private final SourceTree tree;
    private final Track track;

    ValidatorRepository(SourceTree tree, Track track) {
        this.tree = tree;
        this.track = track;
    }

    /**
     * Writes the artifacts into {@code kit/repository/}, every jar without the entries {@code leaveOut} names.
     *
     * @throws KitException when a module is missing or not built
     */
    Written writeInto(Path kit, Predicate<String> leaveOut) throws KitException, IOException {
        Modules modules = Modules.read(tree);
        Module engine = modules.holding(Track.class);
        Module trackModule = modules.holding(track.getClass());
        List<Module> shipped = modules.closure(List.of(engine, trackModule));
        Map<Module, byte[]> jars = new LinkedHashMap<>();
        for (Module m : shipped) {
            jars.put(m, ZipFiles.jar(m.classes(), leaveOut));
        }
        String version = modules.version() + "-kit-" + hash(modules.parent(), jars);
        FileRepository repository = new FileRepository(kit.resolve(FOLDER), modules.groupId());
        repository.put(modules.parent().artifactId(), version, "pom", modules.parent().asKitParent(version));
        for (Map.Entry<Module, byte[]> e : jars.entrySet()) {
            repository.put(e.getKey().artifactId(), version, "jar", e.getValue());
            repository.put(e.getKey().artifactId(), version, "pom", e.getKey().pom().asKitModule(version));
        }
        Path parentPom = repository.file(modules.parent().artifactId(), version, "pom");
        return new Written(version, modules.groupId(), modules.parent().artifactId(),
                kit.relativize(parentPom).toString().replace('\\', '/'), engine.artifactId(), trackModule.artifactId(),
                shipped.stream().map(Module::artifactId).toList());
    }

    /** The first 12 hex digits of a SHA-256 over what the kit's artifacts are made of. */
    private static String hash(Pom parent, Map<Module, byte[]> jars) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        sha.update(parent.bytes());
        for (Module m : jars.keySet().stream().sorted(Comparator.comparing(Module::artifactId)).toList()) {
            sha.update(m.artifactId().getBytes(StandardCharsets.UTF_8));
            sha.update(m.pom().bytes());
            sha.update(jars.get(m));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }
}
