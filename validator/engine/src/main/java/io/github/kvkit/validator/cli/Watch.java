package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.report.ChangesReport;
import io.github.kvkit.validator.report.ConsoleReport;
import io.github.kvkit.validator.result.ValidationReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The loop of {@code kvkit watch}: grade, start the next child JVM, wait for the file's content to change, grade
 * again. A file that does not compile or a candidate that hangs is just a grading like another (its report, its
 * time limits); the loop goes on.
 */
final class Watch {

    /** Editors save in several steps (truncate, write, rename): events this close together are one save. */
    private static final long SETTLE_MILLIS = 60;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final ValidateRun run;
    private final ValidateOptions options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final int maxRuns;

    /** @param maxRuns gradings before it returns; 0 for no end */
    Watch(ValidateRun run, ValidateOptions options, PrintWriter out, PrintWriter err, int maxRuns) {
        this.run = run;
        this.options = options;
        this.out = out;
        this.err = err;
        this.maxRuns = maxRuns;
    }

    int run() {
        int code = run.prepare(true);
        if (code != ValidateRun.READY) {
            return code;
        }
        Path file = run.file().toAbsolutePath();
        ChangesReport changes = new ChangesReport(options.color.colors(), options.verbose);
        ConsoleReport whole = new ConsoleReport(options.color.colors(), options.verbose);
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            byte[] graded = digest(file);
            long savedAt = System.nanoTime();
            for (int n = 1; ; n++) {
                ValidationReport before = run.lastReport();
                clearScreen();
                out.println("kvkit watch: " + file.getFileName() + (n == 1 ? "" : " · saved " + LocalTime.now().format(CLOCK)));
                code = run.gradeOnce(now -> {
                    if (before == null) {
                        whole.write(now, out);
                    } else {
                        changes.write(before, now, out);
                    }
                });
                out.println(String.format(Locale.ROOT, "Verdict %.2f s after the %s. Watching %s (Ctrl-C stops).",
                        (System.nanoTime() - savedAt) / 1e9, n == 1 ? "start of this grading" : "save", file.getFileName()));
                out.flush();
                if (code == ExitCode.USAGE || code == ExitCode.INTERNAL_ERROR || (maxRuns > 0 && n >= maxRuns)) {
                    return code;
                }
                run.prepareNext();
                byte[] now;
                do {
                    awaitEvent(watcher, file);
                    savedAt = System.nanoTime();
                    now = settle(watcher, file);
                } while (now == null || Arrays.equals(now, graded));
                graded = now;
            }
        } catch (IOException e) {
            err.println("error: cannot watch " + file + ": " + e.getMessage());
            return ExitCode.USAGE;
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
            return code;
        }
    }

    /** Waits for an event about {@code file} in its folder. */
    private static void awaitEvent(WatchService watcher, Path file) throws InterruptedException {
        while (true) {
            WatchKey key = watcher.take();
            boolean ours = false;
            for (WatchEvent<?> e : key.pollEvents()) {
                ours |= e.kind() == StandardWatchEventKinds.OVERFLOW || file.getFileName().equals(e.context());
            }
            key.reset();
            if (ours) {
                return;
            }
        }
    }

    /** Waits until no event came for {@link #SETTLE_MILLIS}, then reads the file: its digest, or null if it is gone. */
    private static byte[] settle(WatchService watcher, Path file) throws InterruptedException {
        WatchKey key;
        while ((key = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
            key.pollEvents();
            key.reset();
        }
        return digest(file);
    }

    private static byte[] digest(Path file) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;        // between an editor's delete and write
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Clears a terminal as test watchers do; output to a file or a pipe is left alone. */
    private void clearScreen() {
        if (System.console() != null) {
            out.print("\u001b[H\u001b[2J");
        }
    }
}
