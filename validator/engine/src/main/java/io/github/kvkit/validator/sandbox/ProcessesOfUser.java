package io.github.kvkit.validator.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The processes whose real, effective or saved user id is a given one, from {@code /proc/<pid>/status}. */
final class ProcessesOfUser {

    private ProcessesOfUser() {
    }

    static List<Long> of(int uid) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                if (runsAs(dir.resolve("status"), uid)) {
                    pids.add(Long.parseLong(dir.getFileName().toString()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no /proc: nothing to find
        }
        return pids;
    }

    private static boolean runsAs(Path status, int uid) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    for (int i = 0; i < Math.min(3, ids.length); i++) {
                        if (Integer.parseInt(ids[i]) == uid) {
                            return true;
                        }
                    }
                    return false;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended meanwhile
        }
        return false;
    }
}
