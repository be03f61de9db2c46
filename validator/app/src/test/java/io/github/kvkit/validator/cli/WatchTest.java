package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.LoopEdits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kvkit watch}: graded again on every save, showing what changed, whatever the file holds meanwhile. */
class WatchTest {

    private static final Path LOOP_ATTENTION = Path.of("validator/app/src/test/resources/candidates/valid/LoopAttention.java");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    /** Starts {@code watch --runs N} on {@code file} in the background. */
    private CompletableFuture<Integer> watch(Path file, int runs) {
        return CompletableFuture.supplyAsync(() -> Cli.create(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                .execute("watch", "--file", file.toString(), "--color", "never", "--runs", String.valueOf(runs)));
    }

    /** Waits until the watcher has printed {@code count} verdicts. */
    private void awaitVerdicts(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (out.toString().split("Verdict ", -1).length - 1 < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** LoopAttention's source under {@code name}: a correct candidate in the file of a broken one. */
    private static String correctAs(String name) throws Exception {
        return Files.readString(LOOP_ATTENTION).replace("LoopAttention", name);
    }

    @Test
    void aSaveThatFixesABugIsGradedAgainAndShowsTheChecksNowPassing() throws Exception {
        Path file = LoopEdits.write("ScalesByModelWidth", dir);
        CompletableFuture<Integer> watching = watch(file, 2);
        awaitVerdicts(1);

        Files.writeString(file, correctAs("ScalesByModelWidth"));
        int code = watching.get(120, TimeUnit.SECONDS);

        assertThat(code).isEqualTo(ExitCode.PASSED);
        assertThat(out.toString()).contains("Score: 10 / 10 (100%)   (was ")
                .contains("✓ now passes: visible_prefill_then_decode / reference")
                .contains("after the save");
    }

    @Test
    void aFileThatStopsCompilingIsShownWholeAndTheWatchGoesOn() throws Exception {
        Path file = dir.resolve("Fixing.java");
        Files.writeString(file, correctAs("Fixing"));
        CompletableFuture<Integer> watching = watch(file, 3);
        awaitVerdicts(1);
        Files.writeString(file, "public class Fixing {");
        awaitVerdicts(2);

        Files.writeString(file, correctAs("Fixing"));
        int code = watching.get(120, TimeUnit.SECONDS);

        assertThat(code).isEqualTo(ExitCode.PASSED);
        assertThat(out.toString()).contains("COMPILE ERROR").contains("Fixing.java:").endsWith("(Ctrl-C stops).\n");
    }
}
