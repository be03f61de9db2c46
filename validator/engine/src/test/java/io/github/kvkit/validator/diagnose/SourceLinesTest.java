package io.github.kvkit.validator.diagnose;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceLinesTest {

    private static final String FILE = """
            class A {
                double f() {
                    int   offset = cachedLen;   // my own comment
                    return Nd4j.matmul(qh,kh, null, true, false, false);
                }
            }
            """;

    @Test
    void findsALineWhateverItsSpacingAndComment() {
        assertThat(SourceLines.find(FILE, "int offset = cachedLen;                // the new queries follow the cache"))
                .isEqualTo(3);
    }

    @Test
    void findsAFragmentInsideALine() {
        assertThat(SourceLines.find(FILE, "Nd4j.matmul(qh, kh, null, true, false, false)")).isEqualTo(4);
    }

    @Test
    void codeThatIsNotThereIsNotFound() {
        assertThat(SourceLines.find(FILE, "int offset = totalLen - queryLen;")).isEqualTo(-1);
    }

    @Test
    void codeThatIsThereTwiceIsNotFound() {
        assertThat(SourceLines.find(FILE + FILE, "int offset = cachedLen;")).isEqualTo(-1);
    }

    @Test
    void replacingKeepsEverythingElse() {
        String fixed = SourceLines.replace(FILE, "int offset = cachedLen;", "int offset = totalLen - queryLen;");

        assertThat(fixed).contains("        int offset = totalLen - queryLen;   // my own comment\n")
                .contains("return Nd4j.matmul(qh,kh, null, true, false, false);");
    }

    @Test
    void findsWhereAMethodIsDeclared() {
        assertThat(SourceLines.declaration(FILE, "f")).isEqualTo(2);
    }
}
