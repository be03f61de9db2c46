/**
 * The protocol between the validator and the child JVM, in three layers: framing with a per-child nonce
 * ({@link io.github.kvkit.harness.wire.Channel}, {@link io.github.kvkit.harness.wire.FrameType}), the codecs of
 * numbers, strings, tensors and arrays ({@link io.github.kvkit.harness.wire.Encoder},
 * {@link io.github.kvkit.harness.wire.Decoder}), and the track-neutral call schema
 * ({@link io.github.kvkit.harness.wire.CallCodec}). The candidate's stdout and stderr never carry protocol data,
 * so nothing it prints can be taken for a result.
 */
package io.github.kvkit.harness.wire;
