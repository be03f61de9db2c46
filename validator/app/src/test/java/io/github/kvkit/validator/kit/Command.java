package io.github.kvkit.validator.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program in a folder, with variables added to this JVM's environment, and keeps what it printed. */
final class Command {

    /** What one run left: its exit code and everything it printed, stdout and stderr together. */
    record Result(int exitCode, String output) {
    }

    private static final long TIMEOUT_MINUTES = 10;

    private Command() {
    }

    static Result run(Path folder, Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("kvkit-command-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process p = builder.start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(command + " in " + folder + " still ran after " + TIMEOUT_MINUTES
                        + " minutes:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
