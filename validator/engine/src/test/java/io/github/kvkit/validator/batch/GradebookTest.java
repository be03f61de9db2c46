package io.github.kvkit.validator.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GradebookTest {

    @TempDir
    Path dir;

    @Test
    void aGradebookReadsBackAsWritten() throws Exception {
        Gradebook book = Rows.book(Rows.ran("bob", 5, 2.3333333333333335, "reference"),
                Rows.notRun("alice", GradeStatus.NO_JAVA_FILE));

        GradebookJson.write(book, dir);

        assertThat(GradebookJson.read(dir)).contains(book);
    }

    @Test
    void aFolderWithoutAGradebookHasNoneAndABrokenOneIsAnError() throws Exception {
        assertThat(GradebookJson.read(dir)).isEmpty();

        Files.writeString(dir.resolve(GradebookJson.FILE), "{\"schema_version\": 1, \"rules\": ");

        assertThatThrownBy(() -> GradebookJson.read(dir)).isInstanceOf(BatchException.class).hasMessageContaining("not JSON");
    }

    @Test
    void aStudentNameThatIsAPathIsRefused() throws Exception {
        GradebookJson.write(Rows.book(Rows.ran("bob", 5, 5)), dir);
        Path file = dir.resolve(GradebookJson.FILE);
        Files.writeString(file, Files.readString(file).replace("\"bob\"", "\"../bob\""));

        assertThatThrownBy(() -> GradebookJson.read(dir)).hasMessageContaining("is not a student's name");
    }

    @Test
    void shardsMergeIntoOneGradebookSortedByStudent() throws Exception {
        Map<String, Gradebook> shards = new LinkedHashMap<>();
        shards.put("s1", Rows.book(Rows.ran("carol", 5, 5)));
        shards.put("s2", Rows.book(Rows.ran("alice", 1, 2), Rows.ran("bob", 5, 0)));

        Gradebook merged = Gradebook.merge(shards);

        assertThat(merged.grades()).extracting(Grade::student).containsExactly("alice", "bob", "carol");
    }

    @Test
    void gradebooksOfOtherCasesOrRulesOrSharingAStudentDoNotMerge() {
        Gradebook other = new Gradebook("rules", List.of(new Gradebook.CaseColumn("prefill", 5)), List.of());
        Gradebook otherRules = new Gradebook("other", Rows.CASES, List.of());

        assertThatThrownBy(() -> Gradebook.merge(Map.of("s1", Rows.book(), "s2", other)))
                .hasMessageContaining("grades the cases");
        assertThatThrownBy(() -> Gradebook.merge(new LinkedHashMap<>(Map.of("s1", Rows.book(), "s2", otherRules))))
                .hasMessageContaining("other rules");
        assertThatThrownBy(() -> Gradebook.merge(new LinkedHashMap<>(Map.of("s1", Rows.book(Rows.ran("bob", 1, 1)),
                "s2", Rows.book(Rows.ran("bob", 1, 1)))))).hasMessageContaining("bob is graded in both");
    }
}
