package io.github.kvkit.validator.report;

/**
 * A matrix cut down to what the page draws: at most {@link #MAX_SIDE} cells a side. A matrix that is larger is
 * split into blocks of nearly equal size, and each cell shows the value of largest magnitude in its block, a
 * value that is not finite winning over any that is (NaN over infinities): pooling must never hide the one wrong
 * entry a student is looking for.
 *
 * @param rows       the matrix's rows
 * @param cols       the matrix's columns
 * @param cellRows   the cells drawn down ({@code min(rows, MAX_SIDE)})
 * @param cellCols   the cells drawn across
 * @param cells      {@code cellRows * cellCols} values, row-major
 */
record CellGrid(int rows, int cols, int cellRows, int cellCols, double[] cells) {

    /** The most cells drawn along either side of a heatmap. */
    static final int MAX_SIDE = 64;

    /** {@code values} ({@code rows * cols}, row-major) pooled to at most {@link #MAX_SIDE} cells a side. */
    static CellGrid of(double[] values, int rows, int cols) {
        int cr = Math.min(rows, MAX_SIDE);
        int cc = Math.min(cols, MAX_SIDE);
        double[] cells = new double[cr * cc];
        for (int r = 0; r < cr; r++) {
            int r0 = start(r, rows, cr);
            int r1 = start(r + 1, rows, cr);
            for (int c = 0; c < cc; c++) {
                int c0 = start(c, cols, cc);
                int c1 = start(c + 1, cols, cc);
                double pooled = 0;
                for (int i = r0; i < r1; i++) {
                    for (int j = c0; j < c1; j++) {
                        pooled = stronger(pooled, values[i * cols + j]);
                    }
                }
                cells[r * cc + c] = pooled;
            }
        }
        return new CellGrid(rows, cols, cr, cc, cells);
    }

    /** Whether cells stand for blocks of the matrix rather than single entries. */
    boolean pooled() {
        return cellRows < rows || cellCols < cols;
    }

    double cell(int r, int c) {
        return cells[r * cellCols + c];
    }

    /** The first of {@code n} positions that cell {@code cell} of {@code cellsAlong} covers. */
    static int start(int cell, int n, int cellsAlong) {
        return (int) ((long) cell * n / cellsAlong);
    }

    /** NaN, then an infinity, then the larger magnitude. */
    private static double stronger(double kept, double v) {
        if (Double.isNaN(kept) || Double.isNaN(v)) {
            return Double.NaN;
        }
        if (Double.isInfinite(kept)) {
            return kept;
        }
        return Double.isInfinite(v) || Math.abs(v) > Math.abs(kept) ? v : kept;
    }
}
