package io.github.kvkit.validator.kit;

import io.github.kvkit.validator.track.Track;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * A track's GitHub Classroom template: the {@link StudentKit} with a workflow, {@code .github/workflows/classroom.yml},
 * that grades the challenge on the visible cases on every push and reports the points to GitHub Classroom through
 * its {@code autograding-grading-reporter} action, and a README section that tells students so.
 *
 * <p>A whole kit rather than the workflow alone: the workflow names the kit's challenge, cases and validator
 * version, so the two are written together and cannot be paired with a kit of another track or version. Like the
 * student kit it holds no reference and no hidden case; the hidden cases are graded elsewhere.
 */
public final class ClassroomKit {

    /** The workflow, where GitHub Classroom's own autograding puts it. */
    static final String WORKFLOW = ".github/workflows/classroom.yml";
    /** The runner result the workflow's grading step writes ({@code --classroom}) and hands to the reporter. */
    static final String RESULT = "target/kvkit/classroom.json";
    /** The id of the grading step, which the reporter reads the result of. */
    static final String RUNNER = "visible";

    private final SourceTree tree;
    private final Track track;

    public ClassroomKit(SourceTree tree, Track track) {
        this.tree = tree;
        this.track = track;
    }

    /**
     * Writes the template into {@code kit}, an empty folder.
     *
     * @throws KitException when the student kit cannot be written from this repository
     * @throws IOException  when the template cannot be written
     */
    public StudentKit.Contents writeInto(Path kit) throws KitException, IOException {
        StudentKit.Contents contents = new StudentKit(tree, track).writeInto(kit);
        Map<String, String> values = Map.of(
                "TRACK", track.id(),
                "VERSION", contents.version(),
                "CHALLENGE", contents.challenge(),
                "CASES", tree.relative(tree.visibleCases(track.id())),
                "RESULT", RESULT,
                "RUNNER", RUNNER,
                "RUNNER_ENV", RUNNER.toUpperCase(Locale.ROOT));
        Template.write("classroom/classroom.yml.template", values, kit.resolve(WORKFLOW));
        Files.writeString(kit.resolve("README.md"), Template.render("classroom/README-section.md.template", values),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return contents;
    }
}
