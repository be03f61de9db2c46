package io.github.kvkit.challenge;

import io.github.kvkit.tracks.kv.judge.KvJudge;
import org.junit.jupiter.api.Test;
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
 * The catalog, the solution and the challenge agree to the character: the challenge is exactly the solution
 * with every catalogued bug and decoy comment applied, so the catalog can be trusted to apply them one at a
 * time (as {@link BugMatrixTest} does).
 */
class ChallengeCatalogTest {

    private static final Catalog CATALOG = Catalog.load();
    private static final Set<String> CHECK_NAMES = Set.copyOf(BugMatrix.CHECKS);
    private static final List<String> DIFFICULTIES = List.of("easy", "medium", "hard");

    static Stream<String> bugIds() {
        return Catalog.load().bugs().stream().map(Catalog.Bug::id);
    }

    static Stream<String> decoyIds() {
        return Catalog.load().decoys().stream().map(Catalog.Decoy::id);
    }

    @Test
    void theChallengeIsTheSolutionWithEveryBugAndEveryDecoyCommentApplied() {
        assertEquals(CATALOG.challengeText(), CATALOG.challengeFromSolution());
    }

    @Test
    void theCatalogHasAtLeastTenBugsAndFiveDecoysWithDistinctIdsAndSlugs() {
        Set<String> ids = new HashSet<>();
        Set<String> slugs = new HashSet<>();
        CATALOG.bugs().forEach(b -> assertTrue(ids.add(b.id()) && slugs.add(b.slug()), "duplicate " + b.id()));
        CATALOG.decoys().forEach(d -> assertTrue(ids.add(d.id()) && slugs.add(d.slug()), "duplicate " + d.id()));

        assertTrue(CATALOG.bugs().size() >= 10, "bugs: " + CATALOG.bugs().size());
        assertTrue(CATALOG.decoys().size() >= 5, "decoys: " + CATALOG.decoys().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugIds")
    void eachBugsFixedTextIsOnceInTheSolutionAndItsBuggyTextOnceInTheChallenge(String id) {
        Catalog.Bug b = CATALOG.bug(id);

        assertAll(
                () -> assertEquals(1, Catalog.occurrences(CATALOG.solutionText(), b.fixed()), "fixed in the solution"),
                () -> assertEquals(1, Catalog.occurrences(CATALOG.challengeText(), b.buggy()), "buggy in the challenge"),
                () -> assertEquals(0, Catalog.occurrences(CATALOG.challengeText(), b.fixed()), "fixed in the challenge"),
                () -> assertNotEquals(b.fixed(), b.buggy()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugIds")
    void eachBugIsFullyDescribedAndNamesRealChecks(String id) {
        Catalog.Bug b = CATALOG.bug(id);

        assertAll(
                () -> assertTrue(b.id().matches("B\\d\\d"), b.id()),
                () -> assertFalse(b.title().isBlank() || b.category().isBlank() || b.why().isBlank()
                        || b.symptom().isBlank() || b.location().method().isBlank() || b.location().hint().isBlank()),
                () -> assertTrue(DIFFICULTIES.contains(b.difficulty()), b.difficulty()),
                () -> assertFalse(b.caughtBy().isEmpty()),
                () -> assertTrue(CHECK_NAMES.containsAll(b.caughtBy()), "unknown check in " + b.caughtBy()),
                () -> assertEquals(Catalog.lineOf(CATALOG.challengeText(), b.buggy()), b.location().line(),
                        "line of the buggy text in the challenge"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoyIds")
    void eachDecoyIsOnceInBothFilesAndItsTemptingFixChangesIt(String id) {
        Catalog.Decoy d = CATALOG.decoy(id);

        assertAll(
                () -> assertEquals(1, Catalog.occurrences(CATALOG.solutionText(), d.snippet()), "in the solution"),
                () -> assertEquals(1, Catalog.occurrences(CATALOG.challengeText(), d.snippet()), "in the challenge"),
                () -> assertNotEquals(d.snippet(), d.temptingFix()),
                () -> assertTrue(d.comment() == null
                        || Catalog.occurrences(CATALOG.challengeText(), d.comment().challenge()) == 1
                        && Catalog.occurrences(CATALOG.solutionText(), d.comment().challenge()) == 0,
                        "the misleading comment is in the challenge only"),
                () -> assertTrue(d.id().matches("D\\d\\d"), d.id()),
                () -> assertFalse(d.title().isBlank() || d.kind().isBlank() || d.whyRight().isBlank()),
                () -> assertTrue(CHECK_NAMES.containsAll(d.caughtBy()) && !d.caughtBy().isEmpty(),
                        "caughtBy " + d.caughtBy()),
                () -> assertEquals(Catalog.lineOf(CATALOG.challengeText(), d.snippet()), d.location().line(),
                        "line of the snippet in the challenge"));
    }

    @Test
    void theBugsCoverTheCategoriesOfTheBrief() {
        Set<String> categories = new HashSet<>();
        CATALOG.bugs().forEach(b -> categories.add(b.category()));

        assertTrue(categories.containsAll(List.of("scaling", "softmax-axis", "transpose", "head-split", "head-merge",
                "cache-append", "cache-update", "mask-offset", "mask-boundary", "capacity", "inference-randomness",
                "nd4j-in-place", "nd4j-view-aliasing")), categories.toString());
        assertTrue(CATALOG.bugs().stream().filter(Catalog.Bug::nd4jSpecific).count() >= 3);
    }

    @Test
    void theChallengeKeepsTheClassOfTheSolutionInNoPackage() {
        String challenge = CATALOG.challengeText();

        assertTrue(challenge.startsWith(Catalog.CHALLENGE_FIRST_LINE + "\n"));
        assertFalse(challenge.contains("\npackage "));
        assertTrue(challenge.contains("public class KVCachedMultiHeadAttention implements CachedAttention {"));
        assertTrue(challenge.contains("public static void main(String[] args)"));
    }

    @Test
    void theAnswerKeyIsTheRenderingOfTheCatalog() {
        String fresh = AnswerKey.render(CATALOG).strip();
        if (GeneratedSection.updateIfAsked(AnswerKey.FILE, AnswerKey.SECTION, fresh)) {
            return;
        }

        assertEquals(fresh, GeneratedSection.committed(AnswerKey.FILE, AnswerKey.SECTION),
                AnswerKey.FILE + " disagrees with " + Catalog.FILE + "; run the tests with -D"
                        + GeneratedSection.UPDATE_PROPERTY + "=true to regenerate it");
    }

    @Test
    void studentFacingFilesNeedNothingInstructorOnly() {
        for (Path file : List.of(Path.of("docs/student-guide.md"), Path.of(CATALOG.challenge()))) {
            String text = Catalog.read(file).toLowerCase(Locale.ROOT);
            for (String secret : List.of("docs/instructor", "answer-key", "bugs.json", "solution/", "bug-matrix")) {
                assertFalse(text.contains(secret), file + " mentions " + secret);
            }
        }
    }

    @Test
    void theStudentGuideGivesNoBugAway() {
        String guide = Catalog.read(Path.of("docs/student-guide.md"));

        for (Catalog.Bug b : CATALOG.bugs()) {
            assertFalse(guide.contains(b.buggy()) || guide.contains(b.fixed()) || guide.contains(b.slug()),
                    "the guide quotes " + b.id());
        }
        assertTrue(KvJudge.CHECKS.stream().allMatch(c -> guide.contains(c.id())),
                "the guide explains every check");
    }
}
