package io.github.kvkit.tracks.kv.observe;

import io.github.kvkit.tracks.kv.judge.KvRun;
import io.github.kvkit.validator.observe.Sign;

import java.util.List;

/** What a kv-attention run shows beyond the checks' verdicts, for diagnose's fingerprints. */
final class KvSigns {

    private KvSigns() {
    }

    static List<Sign> of(KvRun run) {
        return List.of();
    }
}
