/**
 * Kits: what {@code kvkit kit ...} writes for one role from the repository.
 *
 * <p>{@link io.github.kvkit.validator.kit.StudentKit} writes a track's student kit: the challenge, the visible cases
 * with frozen expected results, the spec and the student guide, and the validator as built jars in a Maven
 * repository of its own, without the reference, the hidden cases or the answer key. The kit's files come from a
 * {@link io.github.kvkit.validator.kit.SourceTree}; {@link io.github.kvkit.validator.kit.KitFolder} makes it appear
 * whole or not at all. {@code docs/instructor/student-kit.md} describes the kit.
 */
package io.github.kvkit.validator.kit;
