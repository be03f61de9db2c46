package io.github.kvkit.validator.batch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GradesCsvTest {

    @Test
    void aRowPerStudentWithTheScoreMaxStatusAndAColumnPerCase() {
        String csv = GradesCsv.format(Rows.book(Rows.ran("bob", 5, 2.3333333333333335),
                Rows.notRun("alice", GradeStatus.NO_JAVA_FILE)));

        assertThat(csv).isEqualTo("student,score,max,status,prefill,decode\r\n"
                + "alice,0,10,no_java_file,0,0\r\n"
                + "bob,7.3333,10,failed,5,2.3333\r\n");
    }

    @Test
    void aNameWithACommaOrAQuoteIsQuoted() {
        String csv = GradesCsv.format(Rows.book(Rows.ran("Doe, \"J\"", 5, 5)));

        assertThat(csv.lines().skip(1)).containsExactly("\"Doe, \"\"J\"\"\",10,10,passed,5,5");
    }
}
