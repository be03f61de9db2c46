package io.github.kvkit.llama;

/**
 * The sizes and constants of one attention block. A candidate's constructor checks them
 * ({@code docs/tracks/llama-block.md}, section 7); this record checks nothing.
 *
 * @param dModel     {@code D}, the width of a token's vector
 * @param numHeads   {@code H}, the query heads; each is {@code Dh = dModel / numHeads} wide
 * @param numKvHeads {@code KvH}, the key/value heads, each shared by {@code numHeads / numKvHeads} query heads
 *                   (multi-query attention when 1, multi-head attention when equal to {@code numHeads})
 * @param maxSeqLen  {@code S}, the positions the preallocated cache holds
 * @param ropeTheta  the base of the rotary position embedding's frequencies
 * @param rmsEps     the epsilon RMSNorm adds to the mean square, inside the root
 */
public record BlockConfig(int dModel, int numHeads, int numKvHeads, int maxSeqLen, double ropeTheta, double rmsEps) {
}
