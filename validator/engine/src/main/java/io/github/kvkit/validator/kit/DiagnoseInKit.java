package io.github.kvkit.validator.kit;

import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.diagnose.BugCatalog;
import io.github.kvkit.validator.diagnose.DiagnosePack;
import io.github.kvkit.validator.diagnose.DiagnosePacks;
import io.github.kvkit.validator.diagnose.FingerprintMaker;
import io.github.kvkit.validator.judge.ReferenceOracle;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a student kit needs for {@code kvkit diagnose} without the catalog or the reference: the track's diagnose cases
 * frozen next to the visible ones, and a pack of fingerprints taken on both, holding hints only up to the level the
 * instructor allows ({@link DiagnosePack#forKit}).
 */
final class DiagnoseInKit {

    private final SourceTree tree;
    private final Track track;

    DiagnoseInKit(SourceTree tree, Track track) {
        this.tree = tree;
        this.track = track;
    }

    void writeInto(Path kit, Path visible, StudentKit.DiagnoseHints hints) throws KitException, IOException {
        String id = track.id();
        Path catalogFile = tree.root().resolve(BugCatalog.defaultFile(id));
        BugCatalog catalog;
        try {
            catalog = BugCatalog.load(catalogFile);
        } catch (BugCatalog.BadCatalog e) {
            throw new KitException(e.getMessage() + "; diagnose hints in a kit need the track's catalog", e);
        }
        List<Path> locations = new ArrayList<>(List.of(visible));
        Optional<Path> diagnose = tree.diagnoseCases(id);
        if (diagnose.isPresent()) {
            new FrozenCases(tree, track).freeze(diagnose.get(), kit.resolve(tree.relative(diagnose.get())));
            locations.add(diagnose.get());
        }
        List<TestCase> cases;
        try {
            cases = new CaseLoader(Tracks.installed().all(), track).loadAll(locations);
        } catch (CaseFileException e) {
            throw new KitException(e.getMessage(), e);
        }
        String reference = Files.readString(tree.root().resolve(catalog.solution()), StandardCharsets.UTF_8);
        // the variants are the instructors' own code: graded in this JVM
        DiagnosePack pack = new FingerprintMaker(track, cases, Validation.inProcess(ReferenceOracle.create()))
                .make(catalog, reference, bug -> { });
        DiagnosePacks.write(pack.forKit(hints.level(), hints.unlockAfter()), kit.resolve(DiagnosePacks.shipped(id)));
    }
}
