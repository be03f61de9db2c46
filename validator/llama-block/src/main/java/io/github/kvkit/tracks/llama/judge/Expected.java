package io.github.kvkit.tracks.llama.judge;

import io.github.kvkit.harness.Tensor;

/**
 * What one forward step must give: the reference's output, and the keys and values it writes.
 *
 * @param output    {@code [B, T, D]}
 * @param newKeys   positions {@code pos .. pos+T-1} of the cache's key, {@code [B, KvH, T, Dh]}
 * @param newValues the same of the cache's value
 */
public record Expected(Tensor output, Tensor newKeys, Tensor newValues) {
}
