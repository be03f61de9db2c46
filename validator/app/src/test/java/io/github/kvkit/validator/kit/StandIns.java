package io.github.kvkit.validator.kit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * Programs a test puts first on the {@code PATH} of the scripts it runs, in place of the real ones: an
 * {@code apt-get} that only records what it was asked, a Maven that works offline on this JVM's local repository,
 * and a {@code java} that dies at once.
 */
final class StandIns {

    private StandIns() {
    }

    /** {@code bin/apt-get}, which appends its arguments to {@code log} as a line and succeeds. */
    static void aptGet(Path bin, Path log) throws IOException {
        script(bin.resolve("apt-get"), "printf '%s\\n' \"$*\" >> '" + log + "'");
    }

    /**
     * {@code bin/mvn}: the real Maven, offline but for {@code file://} repositories (a kit's own), on
     * {@code repository} when it is not null (else on whatever the command line names).
     */
    static void offlineMaven(Path bin, Path repository) throws IOException {
        String local = repository == null ? "" : " -Dmaven.repo.local='" + repository + "'";
        script(bin.resolve("mvn"), "exec '" + onPath("mvn") + "' -o -Daether.offline.protocols=file" + local + " \"$@\"");
    }

    /** {@code bin/java}, which exits with 137 as a JVM killed by SIGKILL does (the kernel's out-of-memory killer). */
    static void killedJava(Path bin) throws IOException {
        script(bin.resolve("java"), "exit 137");
    }

    /** {@code bin} before this JVM's {@code PATH}. */
    static String path(Path bin) {
        return bin + File.pathSeparator + System.getenv("PATH");
    }

    private static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path onPath(String program) {
        return Arrays.stream(System.getenv("PATH").split(File.pathSeparator)).map(d -> Path.of(d, program))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(program + " is not on the PATH"));
    }
}
