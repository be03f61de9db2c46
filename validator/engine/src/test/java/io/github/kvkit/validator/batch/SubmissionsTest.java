package io.github.kvkit.validator.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubmissionsTest {

    @TempDir
    Path dir;

    private Path file(String relative) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "class A {}");
    }

    @Test
    void aFolderOrAJavaFileIsAStudentAndOtherFilesAndHiddenOnesAreLeftOut() throws Exception {
        Path alice = file("alice/src/Attention.java");
        Path bob = file("bob.java");
        file("README.md");
        file(".git/x.java");
        file("carol/._Attention.java");
        file("carol/Attention.java");

        List<Submission> found = Submissions.in(dir, null);

        assertThat(found).extracting(Submission::student).containsExactly("alice", "bob", "carol");
        assertThat(found.get(0).file()).contains(alice);
        assertThat(found.get(1).file()).contains(bob);
        assertThat(found).allSatisfy(s -> assertThat(s.problem()).isEmpty());
    }

    @Test
    void aFolderWithNoJavaFileOrSeveralIsASubmissionWithAProblem() throws Exception {
        Files.createDirectories(dir.resolve("dave"));
        file("erin/A.java");
        file("erin/B.java");

        List<Submission> found = Submissions.in(dir, null);

        assertThat(found.get(0).problem()).contains(GradeStatus.NO_JAVA_FILE);
        assertThat(found.get(1).problem()).contains(GradeStatus.SEVERAL_JAVA_FILES);
        assertThat(found.get(1).problemMessage()).contains("2 .java files (A.java, B.java); expected exactly one");
    }

    @Test
    void theOutputFolderInsideTheSubmissionsIsNotAStudent() throws Exception {
        file("alice/A.java");
        Path out = Files.createDirectories(dir.resolve("grades"));

        assertThat(Submissions.in(dir, out)).extracting(Submission::student).containsExactly("alice");
    }

    @Test
    void aMissingOrEmptyFolderIsRefusedInOneLine() throws Exception {
        assertThatThrownBy(() -> Submissions.in(dir.resolve("nope"), null)).isInstanceOf(BatchException.class)
                .hasMessageContaining("nope: no such folder");
        assertThatThrownBy(() -> Submissions.in(dir, null)).hasMessageContaining("holds no submission");
        assertThatThrownBy(() -> Submissions.in(file("x.java"), null)).hasMessageContaining("a file, not a folder");
    }
}
