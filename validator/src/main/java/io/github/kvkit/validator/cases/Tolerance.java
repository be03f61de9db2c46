package io.github.kvkit.validator.cases;

/**
 * How close a candidate's numbers must be, compared in double: {@code |got - want| <= atol + rtol * |want|}
 * element-wise (numpy's {@code allclose}), and {@code |rowSum - 1| <= sumAtol} for softmax rows.
 */
public record Tolerance(double atol, double rtol, double sumAtol) {

    /**
     * Defaults per data type. They admit any correct summation order and a float32 computation of a
     * float64 case, and are still orders of magnitude below the smallest error a real bug makes.
     */
    public static Tolerance defaultsFor(Dtype dtype) {
        return dtype == Dtype.FLOAT32 ? new Tolerance(1e-4, 1e-3, 1e-3) : new Tolerance(1e-6, 1e-5, 1e-5);
    }

    public boolean close(double got, double want) {
        return Math.abs(got - want) <= atol + rtol * Math.abs(want);
    }
}
