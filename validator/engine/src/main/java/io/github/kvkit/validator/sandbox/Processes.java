package io.github.kvkit.validator.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starting processes: the child's, and the short probes that tell whether a mechanism works here. */
final class Processes {

    private Processes() {
    }

    /** {@code command}, in the spec's working directory, with exactly the spec's environment, stderr merged. */
    static ProcessBuilder builder(List<String> command, ChildSpec spec) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(spec.work().toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(spec.environment());
        return pb;
    }

    /**
     * Runs {@code command} to its end (at most 10 s) and returns null when it exited with 0, else what it
     * printed or why it could not run, in one line.
     */
    static String failureOf(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "it did not finish within 10 s";
            }
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()
                    .replaceAll("\\s+", " ");
            return p.exitValue() == 0 ? null
                    : said.isEmpty() ? "it exited with code " + p.exitValue() : said;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The first executable called {@code name} on the validator's {@code PATH}, or null. */
    static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (java.nio.file.Files.isExecutable(candidate) && !java.nio.file.Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
