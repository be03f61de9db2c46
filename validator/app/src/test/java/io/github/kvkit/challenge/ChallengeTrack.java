package io.github.kvkit.challenge;

import io.github.kvkit.tracks.kv.judge.KvJudge;
import io.github.kvkit.tracks.llama.LlamaCases;
import io.github.kvkit.tracks.llama.LlamaLoopEdits;
import io.github.kvkit.tracks.llama.judge.LlamaJudge;
import io.github.kvkit.validator.LoopEdits;
import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.judge.Check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A track's challenge as its catalog tests see it: where its catalog and generated docs are, the class students fix,
 * its checks, the cases its bug matrix is graded on, and the trivial candidates every bug must beat.
 *
 * @param className     the simple name of the challenge's (and the solution's) class
 * @param interfaceName the simple name of the contract it implements
 * @param hasStress     whether the track has stress cases, which the matrix leaves out unless asked
 */
record ChallengeTrack(String id, String className, String interfaceName, List<String> checks, List<String> trivial,
                      Sources trivialSources, Cases cases, boolean hasStress) {

    /** The source text of a sample candidate, by name. */
    interface Sources {
        String source(String name) throws IOException;
    }

    /** The shipped cases the matrix grades, with or without the stress ones. */
    interface Cases {
        List<TestCase> load(boolean stress) throws Exception;
    }

    static final ChallengeTrack KV = new ChallengeTrack("kv-attention", "KVCachedMultiHeadAttention", "CachedAttention",
            ids(KvJudge.CHECKS), LoopEdits.TRIVIAL, LoopEdits::source,
            stress -> (stress ? ShippedCases.ALL : ShippedCases.QUICK).get(), true);

    static final ChallengeTrack LLAMA = new ChallengeTrack("llama-block", "LlamaAttention", "LlamaAttentionBlock",
            ids(LlamaJudge.CHECKS), LlamaLoopEdits.TRIVIAL, LlamaLoopEdits::source, stress -> LlamaCases.ALL.get(),
            false);

    /** {@code docs/instructor/ID/bugs.json}. */
    Path catalog() {
        return Path.of("docs/instructor", id, "bugs.json");
    }

    /** {@code docs/instructor/ID/answer-key.md}. */
    Path answerKey() {
        return Path.of("docs/instructor", id, "answer-key.md");
    }

    /** {@code docs/instructor/ID/bug-matrix.md}. */
    Path bugMatrix() {
        return Path.of("docs/instructor", id, "bug-matrix.md");
    }

    private static List<String> ids(List<? extends Check<?>> checks) {
        return checks.stream().map(Check::id).toList();
    }
}
