/**
 * What runs next to the candidate, for every track: the track-neutral calls and raw outcomes, the contract a
 * candidate class must meet, the seam a track's harness plugs into ({@link io.github.kvkit.harness.TrackHarness}),
 * and the child JVM's main class. It holds no verdicts and no expected values, so it can run in the candidate's
 * own (untrusted) JVM with nothing there worth stealing; only the validator judges the outcomes. The protocol
 * between the two JVMs is in {@code io.github.kvkit.harness.wire}.
 */
package io.github.kvkit.harness;
