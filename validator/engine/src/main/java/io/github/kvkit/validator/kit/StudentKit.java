package io.github.kvkit.validator.kit;

import io.github.kvkit.validator.kit.Modules.Module;
import io.github.kvkit.validator.track.Track;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A track's student kit: what a student needs to fix the challenge and grade it with only a JDK 17 and Maven.
 *
 * <ul>
 *   <li>{@code README.md}, {@code pom.xml}, {@code .gitignore} and {@code .mvn/jvm.config};</li>
 *   <li>the challenge ({@code challenge/ID/}), the spec ({@code docs/tracks/ID.md}) and the student guide;</li>
 *   <li>the visible cases with the reference's results frozen in them ({@code test-cases/ID/visible/}), so that they
 *       grade without the reference;</li>
 *   <li>{@code src/test/java/kit/VisibleCasesTest.java}: {@code mvn test} grades the student's file there, a JUnit
 *       test per visible case;</li>
 *   <li>{@code repository/}: the validator as built jars, the engine, the track's module and the modules they depend
 *       on, with their poms, in a Maven repository the kit's pom names. The reference's classes
 *       ({@link ReferenceClasses}) are left out of every jar.</li>
 * </ul>
 * Nothing else of the repository goes in: no {@code solution/}, no hidden case, nothing of {@code docs/instructor/}.
 *
 * <p>The kit's artifacts are at version {@code REPOSITORYVERSION-kit-HASH}, the hash of their contents. A local
 * Maven repository never serves one kit's jars, or the repository's own (which hold the reference), for another's.
 */
public final class StudentKit {

    /** The kit's Maven repository, a folder of the kit. */
    static final String REPOSITORY = "repository";
    /** The JUnit test of the kit, as the kit holds it. */
    static final String TEST = "src/test/java/kit/VisibleCasesTest.java";

    private final SourceTree tree;
    private final Track track;

    public StudentKit(SourceTree tree, Track track) {
        this.tree = tree;
        this.track = track;
    }

    /**
     * What a kit holds, for the command's summary and for the kits built on this one.
     *
     * @param version   the version of the kit's artifacts
     * @param groupId   their Maven group, in the kit's {@code repository/} and in a local repository
     * @param challenge the challenge's path in the kit, with forward slashes
     * @param artifacts the artifacts of the validator in {@code repository/}
     * @param cases     the names of the visible cases
     */
    public record Contents(String version, String groupId, String challenge, List<String> artifacts,
                           List<String> cases) {
    }

    /**
     * Writes the kit into {@code kit}, an empty folder.
     *
     * @throws KitException when the repository lacks a piece or a visible case cannot be frozen
     * @throws IOException  when the kit cannot be written
     */
    public Contents writeInto(Path kit) throws KitException, IOException {
        String id = track.id();
        Path challenge = tree.challenge(id);
        Path visible = tree.visibleCases(id);
        Path spec = tree.spec(id);
        Path guide = tree.studentGuide();
        Modules modules = Modules.read(tree);
        Module engine = modules.holding(Track.class);
        Module trackModule = modules.holding(track.getClass());
        List<Module> shipped = modules.closure(List.of(engine, trackModule));

        FileRepository repository = new FileRepository(kit.resolve(REPOSITORY), modules.groupId());
        String version = writeValidator(modules, shipped, ReferenceClasses.in(tree.solution(id)), repository);
        List<String> frozen = new FrozenCases(tree, track).freeze(visible, kit.resolve(tree.relative(visible)));
        for (Path file : List.of(challenge, spec, guide)) {
            copy(file, kit);
        }
        if (tree.jvmConfig().isPresent()) {
            copy(tree.jvmConfig().get(), kit);
        }
        Path parentPom = repository.file(modules.parent().artifactId(), version, "pom");
        Map<String, String> values = Map.ofEntries(
                Map.entry("TRACK", id),
                Map.entry("VERSION", version),
                Map.entry("GROUP", modules.groupId()),
                Map.entry("PARENT", modules.parent().artifactId()),
                Map.entry("PARENT_POM", kit.relativize(parentPom).toString().replace('\\', '/')),
                Map.entry("ENGINE", engine.artifactId()),
                Map.entry("TRACK_MODULE", trackModule.artifactId()),
                Map.entry("CHALLENGE", tree.relative(challenge)),
                Map.entry("SPEC", tree.relative(spec)),
                Map.entry("CASES", tree.relative(visible)),
                Map.entry("REPOSITORY", REPOSITORY));
        Template.write("README.md.template", values, kit.resolve("README.md"));
        Template.write("pom.xml.template", values, kit.resolve("pom.xml"));
        Template.write("gitignore.template", values, kit.resolve(".gitignore"));
        Template.write("VisibleCasesTest.java.template", values, kit.resolve(TEST));
        return new Contents(version, modules.groupId(), tree.relative(challenge),
                shipped.stream().map(Module::artifactId).toList(), frozen);
    }

    /**
     * Writes the parent pom and each shipped module's jar (without the reference) and pom into the kit's repository,
     * at the kit's version, which it returns.
     */
    private static String writeValidator(Modules modules, List<Module> shipped, ReferenceClasses reference,
                                         FileRepository repository) throws KitException, IOException {
        Map<Module, byte[]> jars = new LinkedHashMap<>();
        for (Module m : shipped) {
            jars.put(m, ZipFiles.jar(m.classes(), reference));
        }
        String version = modules.version() + "-kit-" + hash(modules.parent(), jars);
        repository.put(modules.parent().artifactId(), version, "pom", modules.parent().asKitParent(version));
        for (Map.Entry<Module, byte[]> e : jars.entrySet()) {
            repository.put(e.getKey().artifactId(), version, "jar", e.getValue());
            repository.put(e.getKey().artifactId(), version, "pom", e.getKey().pom().asKitModule(version));
        }
        return version;
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

    /** Copies a file of the repository to the same place in the kit. */
    private void copy(Path file, Path kit) throws IOException {
        Path target = kit.resolve(tree.relative(file));
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
    }
}
