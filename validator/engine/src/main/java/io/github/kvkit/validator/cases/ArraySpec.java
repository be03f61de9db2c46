package io.github.kvkit.validator.cases;

import java.util.Arrays;

/**
 * One array of a case: a shape, and either inline values (row-major, 'c' order) or none, in which case
 * the values are generated from the case's seed and a label.
 *
 * @param shape  the array's shape
 * @param values inline values in 'c' order, or {@code null} to generate them
 */
public record ArraySpec(long[] shape, double[] values) {

    public static ArraySpec generated(long... shape) {
        return new ArraySpec(shape, null);
    }

    public boolean isInline() {
        return values != null;
    }

    public long length() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArraySpec other && Arrays.equals(shape, other.shape) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(shape) + (isInline() ? " inline" : "");
    }
}
