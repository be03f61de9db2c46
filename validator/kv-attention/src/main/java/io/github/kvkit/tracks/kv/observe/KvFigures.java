package io.github.kvkit.tracks.kv.observe;

import io.github.kvkit.tracks.kv.judge.KvRun;
import io.github.kvkit.validator.observe.Figure;

import java.util.List;

/** The pictures of a kv-attention run for the HTML page of {@code kvkit diagnose}. */
final class KvFigures {

    private KvFigures() {
    }

    /** One figure per forward step: each head's attention weights, the candidate's and the reference's. */
    static List<Figure> of(KvRun run) {
        return List.of();
    }
}
