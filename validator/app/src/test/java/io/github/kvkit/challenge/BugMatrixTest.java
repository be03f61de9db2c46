package io.github.kvkit.challenge;

/** kv-attention's bug matrix ({@link BugMatrixTests}), on every shipped case but the stress ones. */
class BugMatrixTest extends BugMatrixTests {

    @Override
    ChallengeTrack track() {
        return ChallengeTrack.KV;
    }
}
