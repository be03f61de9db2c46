/**
 * What runs next to the candidate: the calls to make, the raw outcomes to send back, and the executor
 * that makes the calls. It holds no verdicts and no expected values, so it can run in the candidate's own
 * (untrusted) JVM with nothing there worth stealing; only the validator judges the outcomes.
 */
package io.github.kvkit.runner;
