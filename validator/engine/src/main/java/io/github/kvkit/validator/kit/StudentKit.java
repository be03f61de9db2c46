package io.github.kvkit.validator.kit;

import io.github.kvkit.validator.track.Track;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>The kit's artifacts are at version {@code REPOSITORYVERSION-kit-HASH}, the hash of their contents
 * ({@link ValidatorRepository}). A local Maven repository never serves one kit's jars, or the repository's own (which
 * hold the reference), for another's.
 */
public final class StudentKit {

    /** The JUnit test of the kit, as the kit holds it. */
    static final String TEST = "src/test/java/kit/VisibleCasesTest.java";

    private final SourceTree tree;
    private final Track track;

    private DiagnoseHints hints = DiagnoseHints.NONE;

    /**
     * What {@code kvkit diagnose} may tell the kit's students: none (no pack in the kit), or hints up to
     * {@code level}, every level after {@code unlockAfter} attempts on a file when that is above 0.
     */
    public record DiagnoseHints(int level, int unlockAfter) {
        public static final DiagnoseHints NONE = new DiagnoseHints(0, 0);
    }

    /** The same kit with a diagnose pack in it ({@code diagnose/ID.json}) and the diagnose cases frozen. */
    public StudentKit withDiagnose(DiagnoseHints hints) {
        StudentKit kit = new StudentKit(tree, track);
        kit.hints = hints;
        return kit;
    }

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
        ValidatorRepository.Written validator = new ValidatorRepository(tree, track)
                .writeInto(kit, ReferenceClasses.in(tree.solution(id)));
        List<String> frozen = new FrozenCases(tree, track).freeze(visible, kit.resolve(tree.relative(visible)));
        if (hints.level() > 0) {
            new DiagnoseInKit(tree, track).writeInto(kit, visible, hints);
        }
        for (Path file : List.of(challenge, spec, guide)) {
            copy(file, kit);
        }
        if (tree.jvmConfig().isPresent()) {
            copy(tree.jvmConfig().get(), kit);
        }
        Map<String, String> values = validator.templateValues(id);
        values.put("CHALLENGE", tree.relative(challenge));
        values.put("SPEC", tree.relative(spec));
        values.put("CASES", tree.relative(visible));
        Template.write("README.md.template", values, kit.resolve("README.md"));
        Template.write("pom.xml.template", values, kit.resolve("pom.xml"));
        Template.write("gitignore.template", values, kit.resolve(".gitignore"));
        Template.write("VisibleCasesTest.java.template", values, kit.resolve(TEST));
        return new Contents(validator.version(), validator.groupId(), tree.relative(challenge), validator.artifacts(),
                frozen);
    }

    /** Copies a file of the repository to the same place in the kit. */
    private void copy(Path file, Path kit) throws IOException {
        Path target = kit.resolve(tree.relative(file));
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
    }
}
