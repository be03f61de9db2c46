package io.github.kvkit.gpt;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a model keeps between cached calls: per layer, the keys and values of the positions seen so far, each
 * {@code [B, H, T_past, Dh]}. The model reads them, appends the new positions' keys and values, and stores the
 * grown arrays with {@link #set}.
 */
public final class GptCache {

    private final INDArray[] keys;
    private final INDArray[] values;

    /** An empty cache for a model of {@code numLayers} blocks: {@link #length()} is 0. */
    public GptCache(int numLayers) {
        if (numLayers < 1) {
            throw new IllegalArgumentException("numLayers must be at least 1, got " + numLayers);
        }
        this.keys = new INDArray[numLayers];
        this.values = new INDArray[numLayers];
    }

    /** The number of layers this cache was made for. */
    public int numLayers() {
        return keys.length;
    }

    /** Layer {@code layer}'s cached keys, {@code [B, H, T_past, Dh]}; null while empty. */
    public INDArray key(int layer) {
        return keys[layer];
    }

    /** Layer {@code layer}'s cached values, {@code [B, H, T_past, Dh]}; null while empty. */
    public INDArray value(int layer) {
        return values[layer];
    }

    /** Stores layer {@code layer}'s grown keys and values, each {@code [B, H, T_past + T_new, Dh]}. */
    public void set(int layer, INDArray key, INDArray value) {
        keys[layer] = key;
        values[layer] = value;
    }

    /** {@code T_past}: the positions cached so far (read from layer 0's keys). */
    public int length() {
        return keys[0] == null ? 0 : (int) keys[0].size(2);
    }
}
