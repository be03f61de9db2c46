/**
 * Loading a compiled candidate in isolation and checking its structure.
 *
 * <ul>
 *   <li>{@link io.github.kvkit.validator.compile.CandidateClasspath}: the class path candidates are compiled
 *       against (and can run with in a child JVM). It lives here, not in the compile package, because it
 *       states the same visibility rule as {@link io.github.kvkit.validator.load.IsolatingClassLoader}: of
 *       kvkit, only {@code io.github.kvkit.api} and {@code io.github.kvkit.data}.</li>
 *   <li>{@link io.github.kvkit.validator.load.CandidateLoader}: defines the compiled classes in a fresh
 *       {@link io.github.kvkit.validator.load.CandidateClassLoader} over an
 *       {@link io.github.kvkit.validator.load.IsolatingClassLoader}, finds the one public top-level class
 *       implementing {@link io.github.kvkit.api.CachedAttention}, and reports anything else as a
 *       {@link io.github.kvkit.validator.load.ContractViolation} of a specific kind.</li>
 *   <li>{@link io.github.kvkit.validator.load.LoadedCandidate}: constructs instances, and
 *       {@link io.github.kvkit.validator.load.LoadedCandidate#probe() probes} the constructor once.</li>
 * </ul>
 */
package io.github.kvkit.validator.load;

import io.github.kvkit.validator.compile.CandidateClasspath;

