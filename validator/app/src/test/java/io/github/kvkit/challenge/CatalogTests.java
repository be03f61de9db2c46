package io.github.kvkit.challenge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A track's catalog, solution and challenge agree to the character: the challenge is exactly the solution with every
 * catalogued bug and decoy comment applied, so the catalog can be trusted to apply them one at a time (as
 * {@link BugMatrixTests} does). One subclass per track.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CatalogTests {

    private static final List<String> DIFFICULTIES = List.of("easy", "medium", "hard");

    /** The track whose catalog is checked. */
    abstract ChallengeTrack track();

    Catalog catalog() {
        return Catalog.load(track());
    }

    Stream<String> bugIds() {
        return catalog().bugs().stream().map(Catalog.Bug::id);
    }

    Stream<String> decoyIds() {
        return catalog().decoys().stream().map(Catalog.Decoy::id);
    }

    @Test
    void theChallengeIsTheSolutionWithEveryBugAndEveryDecoyCommentApplied() {
        assertEquals(catalog().challengeText(), catalog().challengeFromSolution());
    }

    @Test
    void theCatalogHasAtLeastTenBugsAndFiveDecoysWithDistinctIdsAndSlugs() {
        Catalog catalog = catalog();
        Set<String> ids = new HashSet<>();
        Set<String> slugs = new HashSet<>();
        catalog.bugs().forEach(b -> assertTrue(ids.add(b.id()) && slugs.add(b.slug()), "duplicate " + b.id()));
        catalog.decoys().forEach(d -> assertTrue(ids.add(d.id()) && slugs.add(d.slug()), "duplicate " + d.id()));

        assertTrue(catalog.bugs().size() >= 10, "bugs: " + catalog.bugs().size());
        assertTrue(catalog.decoys().size() >= 5, "decoys: " + catalog.decoys().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugIds")
    void eachBugsFixedTextIsOnceInTheSolutionAndItsBuggyTextOnceInTheChallenge(String id) {
        Catalog catalog = catalog();
        Catalog.Bug b = catalog.bug(id);

        assertAll(
                () -> assertEquals(1, Catalog.occurrences(catalog.solutionText(), b.fixed()), "fixed in the solution"),
                () -> assertEquals(1, Catalog.occurrences(catalog.challengeText(), b.buggy()), "buggy in the challenge"),
                () -> assertEquals(0, Catalog.occurrences(catalog.challengeText(), b.fixed()), "fixed in the challenge"),
                () -> assertNotEquals(b.fixed(), b.buggy()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugIds")
    void eachBugIsFullyDescribedAndNamesRealChecks(String id) {
        Catalog catalog = catalog();
        Catalog.Bug b = catalog.bug(id);

        assertAll(
                () -> assertTrue(b.id().matches("B\\d\\d"), b.id()),
                () -> assertFalse(b.title().isBlank() || b.category().isBlank() || b.why().isBlank()
                        || b.symptom().isBlank() || b.location().method().isBlank() || b.location().hint().isBlank()),
                () -> assertTrue(DIFFICULTIES.contains(b.difficulty()), b.difficulty()),
                () -> assertFalse(b.caughtBy().isEmpty()),
                () -> assertTrue(track().checks().containsAll(b.caughtBy()), "unknown check in " + b.caughtBy()),
                () -> assertEquals(Catalog.lineOf(catalog.challengeText(), b.buggy()), b.location().line(),
                        "line of the buggy text in the challenge"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoyIds")
    void eachDecoyIsOnceInBothFilesAndItsTemptingFixChangesIt(String id) {
        Catalog catalog = catalog();
        Catalog.Decoy d = catalog.decoy(id);

        assertAll(
                () -> assertEquals(1, Catalog.occurrences(catalog.solutionText(), d.snippet()), "in the solution"),
                () -> assertEquals(1, Catalog.occurrences(catalog.challengeText(), d.snippet()), "in the challenge"),
                () -> assertNotEquals(d.snippet(), d.temptingFix()),
                () -> assertTrue(d.comment() == null
                        || Catalog.occurrences(catalog.challengeText(), d.comment().challenge()) == 1
                        && Catalog.occurrences(catalog.solutionText(), d.comment().challenge()) == 0,
                        "the misleading comment is in the challenge only"),
                () -> assertTrue(d.id().matches("D\\d\\d"), d.id()),
                () -> assertFalse(d.title().isBlank() || d.kind().isBlank() || d.whyRight().isBlank()),
                () -> assertTrue(track().checks().containsAll(d.caughtBy()) && !d.caughtBy().isEmpty(),
                        "caughtBy " + d.caughtBy()),
                () -> assertEquals(Catalog.lineOf(catalog.challengeText(), d.snippet()), d.location().line(),
                        "line of the snippet in the challenge"));
    }

    @Test
    void theChallengeKeepsTheClassOfTheSolutionInNoPackage() {
        Catalog catalog = catalog();
        String challenge = catalog.challengeText();

        assertTrue(challenge.startsWith(catalog.challengeFirstLine() + "\n"));
        assertFalse(challenge.contains("\npackage "));
        assertTrue(challenge.contains("public class " + track().className() + " implements " + track().interfaceName()
                + " {"));
        assertTrue(challenge.contains("public static void main(String[] args)"));
    }

    @Test
    void theAnswerKeyIsTheRenderingOfTheCatalog() {
        Path file = track().answerKey();
        String fresh = AnswerKey.render(catalog()).strip();
        if (GeneratedSection.updateIfAsked(file, AnswerKey.SECTION, fresh)) {
            return;
        }

        assertEquals(fresh, GeneratedSection.committed(file, AnswerKey.SECTION), file + " disagrees with "
                + track().catalog() + "; run the tests with -D" + GeneratedSection.UPDATE_PROPERTY
                + "=true to regenerate it");
    }

    @Test
    void studentFacingFilesNeedNothingInstructorOnly() {
        for (Path file : List.of(Path.of("docs/student-guide.md"), Path.of(catalog().challenge()))) {
            String text = Catalog.read(file).toLowerCase(Locale.ROOT);
            for (String secret : List.of("docs/instructor", "answer-key", "bugs.json", "solution/", "bug-matrix")) {
                assertFalse(text.contains(secret), file + " mentions " + secret);
            }
        }
    }

    @Test
    void theStudentGuideGivesNoBugAway() {
        String guide = Catalog.read(Path.of("docs/student-guide.md"));

        for (Catalog.Bug b : catalog().bugs()) {
            assertFalse(guide.contains(b.buggy()) || guide.contains(b.fixed()) || guide.contains(b.slug()),
                    "the guide quotes " + b.id());
        }
        assertTrue(track().checks().stream().allMatch(c -> guide.contains("`" + c + "`")), "the guide explains every check");
    }
}
