package io.github.kvkit.challenge;

/** llama-block's bug matrix ({@link BugMatrixTests}), on every shipped case. */
class LlamaBugMatrixTest extends BugMatrixTests {

    @Override
    ChallengeTrack track() {
        return ChallengeTrack.LLAMA;
    }
}
