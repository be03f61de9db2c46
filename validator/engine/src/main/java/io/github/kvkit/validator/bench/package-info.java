/**
 * {@code kvkit bench}: how fast the candidate's code is, on the plans its track's {@link
 * io.github.kvkit.validator.bench.Benchmark} chooses, run in the candidate's sandboxed child JVM like a grading
 * (the child times the candidate's own calls); figures as a table and an SVG chart. Never part of a verdict.
 */
package io.github.kvkit.validator.bench;
