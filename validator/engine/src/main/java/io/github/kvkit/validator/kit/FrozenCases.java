package io.github.kvkit.validator.kit;

import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A folder of a track's cases written again with the reference's results frozen in them ({@code kvkit materialize}),
 * so that a kit without the reference grades them. Every case is loaded and checked before the first is written.
 */
final class FrozenCases {

    private final SourceTree tree;
    private final Track track;

    FrozenCases(SourceTree tree, Track track) {
        this.tree = tree;
        this.track = track;
    }

    /**
     * Writes each case of {@code cases} into {@code target} under its own file name, frozen; returns the cases' names.
     *
     * @throws KitException when a case does not load, or has no results and this build no reference to compute them
     */
    List<String> freeze(Path cases, Path target) throws KitException, IOException {
        List<TestCase> loaded = gradeable(cases);
        for (TestCase tc : loaded) {
            try {
                track.materialize(tc, target.resolve(tc.source().getFileName().toString()));
            } catch (CaseFileException e) {
                throw new KitException(e.getMessage(), e);
            } catch (UnsupportedOperationException e) {
                throw new KitException(tree.relative(tc.source()) + ": " + e.getMessage() + "; expected a track that "
                        + "freezes its cases, since a kit has no reference", e);
            }
        }
        return loaded.stream().map(TestCase::name).toList();
    }

    /** The cases, each of which either carries its expected results or can have them computed here. */
    private List<TestCase> gradeable(Path cases) throws KitException {
        List<TestCase> loaded;
        try {
            loaded = new CaseLoader(Tracks.installed().all(), track).loadAll(List.of(cases));
        } catch (CaseFileException e) {
            throw new KitException(e.getMessage(), e);
        }
        for (TestCase tc : loaded) {
            if (!tc.body().frozen() && !track.hasReference()) {
                throw new KitException(tree.relative(tc.source()) + ": no expected results, and this build has no "
                        + "reference to compute them; expected a repository with solution/" + track.id());
            }
        }
        return loaded;
    }
}
