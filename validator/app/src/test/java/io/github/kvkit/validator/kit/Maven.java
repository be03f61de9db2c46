package io.github.kvkit.validator.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs Maven in a folder as a student would, but offline: third-party artifacts come from {@code repository} (the
 * local repository this JVM's own class path comes from), and file:// repositories, a kit's own, stay allowed.
 */
final class Maven {

    /** What one run left: its exit code and everything it printed. */
    record Result(int exitCode, String output) {
    }

    private static final long TIMEOUT_MINUTES = 10;

    private final Path repository;

    Maven(Path repository) {
        this.repository = repository;
    }

    Result run(Path folder, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable(), "-B", "-o",
                "-Dmaven.repo.local=" + repository, "-Daether.offline.protocols=file"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("kvkit-maven-", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
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

    private static String executable() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows") ? "mvn.cmd" : "mvn";
    }
}
