/**
 * Grading a whole class ({@code kvkit grade}): finding the submissions, grading several at a time with the rules of a
 * single run, the gradebook and what is written from it ({@code grades.csv}, {@code scores.svg}, the console
 * summary), grading again only what changed, and shards that several machines grade and one merges.
 *
 * <p>The model ({@link io.github.kvkit.validator.batch.Gradebook}, {@link io.github.kvkit.validator.batch.Grade}) is
 * apart from what formats it ({@link io.github.kvkit.validator.batch.GradesCsv},
 * {@link io.github.kvkit.validator.batch.ScoresSvg}, {@link io.github.kvkit.validator.batch.BatchSummary}).
 */
package io.github.kvkit.validator.batch;
