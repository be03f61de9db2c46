package io.github.kvkit.challenge;

import io.github.kvkit.attention.KVCachedMultiHeadAttention;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code main} that the student guide recommends for debugging prints, for the reference, a prefill and a
 * decode step with the shapes of the spec and weight rows that sum to 1.
 */
class MainDemoTest {

    @Test
    void theSolutionsMainPrintsSpecShapesAndRowSumsOfOne() {
        String out = captureStdout(() -> KVCachedMultiHeadAttention.main(new String[0]));

        assertTrue(out.contains("prefill output [2, 4, 16], cache [2, 4, 16], weights [2, 4, 4, 4]"), out);
        assertTrue(out.contains("decode  output [2, 1, 16], cache [2, 5, 16], weights [2, 4, 1, 5]"), out);
        String sums = out.substring(out.indexOf("decode weight row sums"));
        assertTrue(sums.replaceAll("1\\.0000", "").replaceAll("[\\[\\],\\s]", "").equals("decodeweightrowsums"), sums);
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
