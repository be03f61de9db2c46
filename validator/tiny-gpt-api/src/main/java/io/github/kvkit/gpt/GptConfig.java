package io.github.kvkit.gpt;

/**
 * The sizes and training settings of a tiny GPT ({@code docs/tracks/tiny-gpt.md}).
 *
 * @param vocabSize    V, token ids are {@code 0 .. V-1}
 * @param blockSize    the longest sequence the model reads, and the number of learned positions
 * @param dModel       C, the width of the residual stream; a multiple of {@code numHeads}
 * @param numHeads     H, attention heads per block; each is {@code dModel / numHeads} wide
 * @param numLayers    the number of transformer blocks
 * @param learningRate AdamW's step size
 * @param weightDecay  AdamW's decoupled weight decay
 * @param seed         every random choice of the model (its initialisation) is drawn from this
 */
public record GptConfig(int vocabSize, int blockSize, int dModel, int numHeads, int numLayers,
                        double learningRate, double weightDecay, long seed) {
}
