package io.github.kvkit.validator.kit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Which class files a student kit leaves out: everything compiled from solution/ID/. */
class ReferenceClassesTest {

    @TempDir
    Path solution;

    @Test
    void aSolutionInAPackageTakesTheWholePackageWithItsNestedAndHelperClasses() throws Exception {
        ReferenceClasses reference = ReferenceClasses.in(Path.of("solution/kv-attention"));

        assertThat(reference.test("io/github/kvkit/attention/KVCachedMultiHeadAttention.class")).isTrue();
        assertThat(reference.test("io/github/kvkit/attention/KVCachedMultiHeadAttention$1.class")).isTrue();
        assertThat(reference.test("io/github/kvkit/attention/Helper.class")).isTrue();
        assertThat(reference.test("io/github/kvkit/tracks/kv/KvReference.class")).isFalse();
        assertThat(reference.test("io/github/kvkit/api/CachedAttention.class")).isFalse();
    }

    @Test
    void aSolutionInNoPackageTakesItsOwnClassesOnly() throws Exception {
        Files.writeString(solution.resolve("Answer.java"), "// package io.github.not.this;\npublic class Answer {}\n");

        ReferenceClasses reference = ReferenceClasses.in(solution);

        assertThat(reference.test("Answer.class")).isTrue();
        assertThat(reference.test("Answer$Inner.class")).isTrue();
        assertThat(reference.test("AnswerKey.class")).isFalse();
        assertThat(reference.test("io/github/not/this/X.class")).isFalse();
    }

    @Test
    void noSolutionFolderLeavesNothingOut() throws KitException, IOException {
        assertThat(ReferenceClasses.in(solution.resolve("absent")).test("io/github/kvkit/attention/X.class")).isFalse();
    }
}
