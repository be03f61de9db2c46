/**
 * Loading a compiled candidate in isolation and checking its structure.
 *
 * <ul>
 *   <li>{@link io.github.kvkit.validator.compile.CandidateClasspath} (in the compile package): the class path
 *       candidates are compiled against and run with in a child JVM, fixed at build time (docs/architecture.md).
 *       {@link io.github.kvkit.validator.load.IsolatingClassLoader} shows a candidate in process what comes from
 *       it: of kvkit, only {@code io.github.kvkit.api} and {@code io.github.kvkit.data}.</li>
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

