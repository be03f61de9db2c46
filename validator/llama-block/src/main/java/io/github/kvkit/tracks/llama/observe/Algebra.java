package io.github.kvkit.tracks.llama.observe;

/**
 * The little dense linear algebra the observer needs, in double on small matrices stored row-major: an inverse (to
 * undo the output projection and see each head's output) and least squares (to read the attention weights a head
 * used off its output and the values it mixed).
 */
final class Algebra {

    private Algebra() {
    }

    /** The inverse of the {@code n x n} matrix {@code a}, or null when it is singular or not finite. */
    static double[] inverse(double[] a, int n) {
        double[] m = a.clone();
        double[] inv = new double[n * n];
        for (int i = 0; i < n; i++) {
            inv[i * n + i] = 1;
        }
        double scale = 0;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            return null;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r * n + col]) > Math.abs(m[pivot * n + col])) {
                    pivot = r;
                }
            }
            if (Math.abs(m[pivot * n + col]) <= 1e-12 * scale) {
                return null;
            }
            swapRows(m, n, col, pivot);
            swapRows(inv, n, col, pivot);
            double p = m[col * n + col];
            for (int j = 0; j < n; j++) {
                m[col * n + j] /= p;
                inv[col * n + j] /= p;
            }
            for (int r = 0; r < n; r++) {
                double f = m[r * n + col];
                if (r != col && f != 0) {
                    for (int j = 0; j < n; j++) {
                        m[r * n + j] -= f * m[col * n + j];
                        inv[r * n + j] -= f * inv[col * n + j];
                    }
                }
            }
        }
        return inv;
    }

    /**
     * The coefficients {@code w} (one per row of {@code rows}) that make {@code sum_i w[i] * rows[i]} closest to
     * {@code target}, with the relative size of what is left, {@code |target - sum| / |target|}; null when the rows
     * are not independent (more rows than dimensions, or rows that repeat each other).
     *
     * @return the {@code rows.length} coefficients followed by the relative residual
     */
    static double[] leastSquares(double[][] rows, double[] target) {
        int n = rows.length;
        if (n == 0 || n > target.length) {
            return null;
        }
        double[] gram = new double[n * n];
        double[] rhs = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = dot(rows[i], rows[j]);
                gram[i * n + j] = s;
                gram[j * n + i] = s;
            }
            rhs[i] = dot(rows[i], target);
        }
        double[] inv = inverse(gram, n);
        if (inv == null) {
            return null;
        }
        double[] out = new double[n + 1];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += inv[i * n + j] * rhs[j];
            }
            out[i] = s;
        }
        double left = 0;
        double norm = 0;
        for (int d = 0; d < target.length; d++) {
            double fit = 0;
            for (int i = 0; i < n; i++) {
                fit += out[i] * rows[i][d];
            }
            left += (target[d] - fit) * (target[d] - fit);
            norm += target[d] * target[d];
        }
        out[n] = norm == 0 ? (left == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(left / norm);
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void swapRows(double[] m, int n, int a, int b) {
        if (a == b) {
            return;
        }
        for (int j = 0; j < n; j++) {
            double t = m[a * n + j];
            m[a * n + j] = m[b * n + j];
            m[b * n + j] = t;
        }
    }
}
