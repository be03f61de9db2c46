package io.github.kvkit.tracks.gpt.plan;

/** Why a call of a tiny-gpt plan is made; the checks find their calls by it. */
public enum Role {
    /** Builds the model; returns its initial positional embedding. */
    CONSTRUCT("construct"),
    /** Overwrites the parameters with the case's. */
    LOAD("load"),
    /** Uncached logits of the case's batch. */
    LOGITS("logits"),
    /** The same batch with the tokens after the probed position changed. */
    FUTURE_CHANGED("logits (future tokens changed)"),
    LOSS("loss"),
    /** The batch through one cache in chunks. */
    CACHED("cached logits"),
    GENERATE_CACHED("generate (cache)"),
    GENERATE_UNCACHED("generate (no cache)"),
    /** AdamW steps from the loaded state. */
    TRAIN("trainStep"),
    /** A fresh model trained on a tiny batch. */
    OVERFIT("overfit"),
    /** A call that must throw IllegalArgumentException. */
    REJECT("refusal");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
