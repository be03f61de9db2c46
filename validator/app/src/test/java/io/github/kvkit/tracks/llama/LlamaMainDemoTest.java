package io.github.kvkit.tracks.llama;

import io.github.kvkit.llamablock.LlamaAttention;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code main} the student guide recommends for debugging prints, for the reference, the spec's shapes, the
 * positions each call wrote, and a decode step that agrees with one prefill of the same tokens.
 */
class LlamaMainDemoTest {

    @Test
    void theSolutionsMainPrintsShapesWrittenPositionsAndAgreeingRoutes() {
        String out = captureStdout(() -> LlamaAttention.main(new String[0]));

        assertThat(out).contains("prefill output [2, 4, 16], cache.key [2, 2, 8, 4] written at positions 0,1,2,3")
                .contains("decode  output [2, 1, 16], cache.key written at positions 0,1,2,3,4");
        double difference = Double.parseDouble(out.substring(out.lastIndexOf(' ') + 1).strip());
        assertThat(difference).isLessThan(1e-5);
    }

    private static String captureStdout(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
