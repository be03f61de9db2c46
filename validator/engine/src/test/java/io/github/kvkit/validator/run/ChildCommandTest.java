package io.github.kvkit.validator.run;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ChildCommandTest {

    @Test
    void theYoungGenerationIs16MbOrAQuarterOfASmallerHeap() {
        assertEquals(16 * RunLimits.MIB, ChildCommand.youngBytes(RunLimits.GIB));
        assertEquals(16 * RunLimits.MIB, ChildCommand.youngBytes(64 * RunLimits.MIB));
        assertEquals(4 * RunLimits.MIB, ChildCommand.youngBytes(16 * RunLimits.MIB));
        assertEquals(4 * RunLimits.MIB + 256 * RunLimits.KIB, ChildCommand.youngBytes(17 * RunLimits.MIB));
        assertEquals(0, ChildCommand.youngBytes(16 * RunLimits.MIB + 3) % RunLimits.KIB);
    }

    /** What the JVM prints about its options would reach the candidate's output, which students read. */
    @Test
    void theJvmTakesTheChildsMemoryAndCompilerOptionsWithoutAWord() throws IOException, InterruptedException {
        for (long heap : new long[] {16 * RunLimits.MIB, 17 * RunLimits.MIB + 5, RunLimits.GIB}) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-XX:+UseSerialGC", "-Xmn" + ChildCommand.youngBytes(heap) / RunLimits.KIB + "k"));
            cmd.addAll(ChildCommand.C2_LATER);
            cmd.add("-version");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertFalse(out.toLowerCase(java.util.Locale.ROOT).contains("warning"), out);
            assertFalse(out.contains("Error"), out);
        }
    }
}
