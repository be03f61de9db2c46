package io.github.kvkit.gpt;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * A small decoder-only language model that trains itself and generates greedily, with or without a key/value
 * cache ({@code docs/tracks/tiny-gpt.md}). An implementation is a public top-level class with a public
 * constructor {@code (GptConfig config)}. Token arrays are {@code [B][T]}: B sequences of T token ids each.
 * Every method leaves the arrays it is given as they were, and refuses bad input with an
 * {@link IllegalArgumentException} naming it.
 */
public interface TinyLanguageModel {

    /**
     * The model's own parameter arrays by their stable names (the spec lists them): the caller may overwrite
     * them in place, and the model computes with what they then hold.
     */
    Map<String, INDArray> parameters();

    /** Logits {@code [B, T, V]} of every position, without a cache and without dropout. */
    INDArray logits(int[][] tokens);

    /**
     * Logits {@code [B, T_new, V]} of {@code newTokens}, which follow the {@code cache.length()} positions the
     * cache holds; appends their keys and values to the cache.
     */
    INDArray logits(int[][] newTokens, GptCache cache);

    /** The mean next-token cross-entropy over {@code B × (T-1)} predictions: position t predicts token t+1. */
    double loss(int[][] tokens);

    /** Forward, backward and one AdamW step on {@code tokens}; returns the loss before the step. */
    double trainStep(int[][] tokens);

    /**
     * Greedy decoding: {@code prompt} followed by {@code newTokens} tokens, each the most likely next one (the
     * lowest id among equals). With {@code useCache} the prompt is read once and each step feeds one token
     * through a {@link GptCache}; without, each step reads the whole sequence again. Both give the same tokens.
     */
    int[] generate(int[] prompt, int newTokens, boolean useCache);
}
