package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.judge.ExpectedCache;
import io.github.kvkit.validator.sandbox.Sandboxes;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/** What the throwaway user of the setpriv fallback must not reach, for a validation and for a batch alike. */
final class GuardedPaths {

    private GuardedPaths() {
    }

    /**
     * Must not read: the cases (hidden ones among them), the classes of every track (the reference solutions are
     * there) and the cache of the reference's results; must not write: {@code outputs}, the reports.
     */
    static Sandboxes.Protected of(List<Path> caseLocations, Tracks tracks, ExpectedCache cache, List<Path> outputs) {
        List<Path> secret = new ArrayList<>(caseLocations);
        for (Track t : tracks.all()) {
            CodeSource code = t.getClass().getProtectionDomain().getCodeSource();
            if (code != null && code.getLocation() != null && "file".equals(code.getLocation().getProtocol())) {
                try {
                    secret.add(Path.of(code.getLocation().toURI()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a file: nothing a user could read
                }
            }
        }
        cache.folder().ifPresent(secret::add);
        return new Sandboxes.Protected(secret, outputs);
    }
}
