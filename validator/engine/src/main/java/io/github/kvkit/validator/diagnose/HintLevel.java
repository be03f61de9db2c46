package io.github.kvkit.validator.diagnose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which hint level a diagnosis gives: the level asked for ({@code --hint N}), capped by what the pack allows, which
 * an instructor sets when making a kit; the cap lifts after the pack's number of attempts, counted per candidate
 * file in {@code .kvkit/attempts/} next to it.
 */
public final class HintLevel {

    private HintLevel() {
    }

    /** The level given, and a note when it is lower than asked (empty otherwise). */
    public record Given(int level, String note) {
    }

    /**
     * Counts this attempt on {@code file} and says the level given.
     *
     * @param asked 1 to 3
     */
    public static Given of(DiagnosePack pack, int asked, Path file) {
        int attempts = countAttempt(file);
        if (asked <= pack.maxHint()) {
            return new Given(asked, "");
        }
        if (pack.unlockAfter() > 0 && attempts >= pack.unlockAfter()) {
            return new Given(asked, "");
        }
        String lifts = pack.unlockAfter() > 0 ? " (every level after " + pack.unlockAfter() + " attempts; this is attempt "
                + attempts + ")" : "";
        return new Given(pack.maxHint(), "hints of level " + asked + " are not given in this kit: level "
                + pack.maxHint() + " at most" + lifts);
    }

    /** Adds one to the attempts recorded for {@code file} and returns the new count (1 when nothing can be recorded). */
    static int countAttempt(Path file) {
        Path folder = (file.toAbsolutePath().getParent() == null ? Path.of(".") : file.toAbsolutePath().getParent())
                .resolve(".kvkit").resolve("attempts");
        Path count = folder.resolve(file.getFileName() + ".count");
        try {
            int n = Files.isRegularFile(count) ? Integer.parseInt(Files.readString(count).strip()) + 1 : 1;
            Files.createDirectories(folder);
            Files.writeString(count, n + "\n", StandardCharsets.UTF_8);
            return n;
        } catch (IOException | NumberFormatException e) {
            return 1;
        }
    }
}
