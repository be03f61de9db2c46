/**
 * Kits: what {@code kvkit kit ...} writes for one role from the repository.
 *
 * <p>{@link io.github.kvkit.validator.kit.StudentKit} writes a track's student kit: the challenge, the visible cases
 * with frozen expected results, the spec and the student guide, and the validator as built jars in a Maven
 * repository of its own, without the reference, the hidden cases or the answer key.
 * {@link io.github.kvkit.validator.kit.ClassroomKit} adds to it a GitHub Actions workflow that grades every push and
 * reports the points to GitHub Classroom. {@link io.github.kvkit.validator.kit.GradescopeAutograder} writes a
 * Gradescope autograder: its scripts, and the validator with the reference and every case.
 *
 * <p>The kits' files come from a {@link io.github.kvkit.validator.kit.SourceTree}; the validator's jars from the
 * modules' builds ({@code ValidatorRepository}). {@link io.github.kvkit.validator.kit.KitFolder} and
 * {@link io.github.kvkit.validator.kit.KitZip} make a kit appear whole or not at all. {@code docs/instructor/}
 * describes each kit: student-kit.md, classroom.md, gradescope.md.
 */
package io.github.kvkit.validator.kit;
