package io.github.kvkit.harness.wire;

/** A received frame. */
public record Frame(FrameType type, Decoder payload) {
}

