package io.github.kvkit.validator.cases;

/**
 * How close a candidate's numbers must be, compared in double: {@code |got - want| <= atol + rtol * |want|}
 * element-wise (numpy's {@code allclose}), and {@code |rowSum - 1| <= sumAtol} for softmax rows.
 */
public record Tolerance(double atol, double rtol, double sumAtol) {

    /**
     * Defaults per data type. They admit any correct summation order in the case's type, and are still orders
     * of magnitude below the smallest error a real bug makes. The float64 ones sit between float64 rounding
     * (about 1e-13 relative on the shipped sizes) and float32 rounding (about 1e-7): computing a float64 case
     * in float32 is a deviation from the spec (section 9), and they catch it.
     */
    public static Tolerance defaultsFor(Dtype dtype) {
        return dtype == Dtype.FLOAT32 ? new Tolerance(1e-4, 1e-3, 1e-3) : new Tolerance(1e-10, 1e-9, 1e-9);
    }

    public boolean close(double got, double want) {
        return Math.abs(got - want) <= atol + rtol * Math.abs(want);
    }
}
