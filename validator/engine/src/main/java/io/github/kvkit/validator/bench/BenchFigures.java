package io.github.kvkit.validator.bench;

import java.util.List;

/**
 * The result of a benchmark: a table, and series for a chart.
 *
 * @param columns the table's column headers
 * @param rows    the table's rows, each as many cells as columns
 * @param xLabel  what the chart's x axis is (for instance "positions")
 * @param yLabel  what its y axis is (for instance "tokens per second"); drawn on a log scale
 * @param series  the chart's lines
 * @param notes   lines to print under the table (what a figure means, what went wrong)
 */
public record BenchFigures(List<String> columns, List<List<String>> rows, String xLabel, String yLabel,
                           List<Series> series, List<String> notes) {

    public BenchFigures {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        series = List.copyOf(series);
        notes = List.copyOf(notes);
    }

    /** One line of the chart: its name and its points, {@code {x, y}}; a point with y <= 0 is left out. */
    public record Series(String name, List<double[]> points) {
        public Series {
            points = List.copyOf(points);
        }
    }
}
