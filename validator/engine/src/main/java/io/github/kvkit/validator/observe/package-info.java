/**
 * What a track sees in a run beyond pass and fail, for {@code kvkit diagnose}: {@link io.github.kvkit.validator.observe.Sign}s
 * (named symptoms such as "the weights sum to 1 over the query axis", matched against the fingerprints of known
 * bugs) and {@link io.github.kvkit.validator.observe.Figure}s (the candidate's and the reference's matrices, drawn
 * side by side on the HTML page). A track opts in with {@link io.github.kvkit.validator.track.Track#observer()}.
 *
 * <p>Depends on the plan and the run only, so that the track SPI can name it without a cycle.
 */
package io.github.kvkit.validator.observe;
