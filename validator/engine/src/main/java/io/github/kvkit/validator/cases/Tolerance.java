package io.github.kvkit.validator.cases;

/**
 * How close a candidate's numbers must be, compared in double: {@code |got - want| <= atol + rtol * |want|}
 * element-wise (numpy's {@code allclose}), and {@code |rowSum - 1| <= sumAtol} for softmax rows. Each track sets
 * the defaults of a case that gives none ({@code Track.defaultTolerance}); {@link #EXACT} is for what must be equal,
 * such as token ids.
 */
public record Tolerance(double atol, double rtol, double sumAtol) {

    /** Equal values only. */
    public static final Tolerance EXACT = new Tolerance(0, 0, 0);

    public boolean close(double got, double want) {
        return Math.abs(got - want) <= atol + rtol * Math.abs(want);
    }
}
