package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.run.RunLimits;
import picocli.CommandLine.ITypeConverter;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Converters for the text forms of the limit options. {@link RunLimits} defines the forms (its defaults are
 * written in them), so a value on the command line and a default are read by the same code.
 */
final class LimitConverters {

    private LimitConverters() {
    }

    /** A duration: {@code 10s}, {@code 2.5s}, {@code 500ms}, {@code 4m}; seconds when no unit is given. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            try {
                return RunLimits.parseDuration(text);
            } catch (IllegalArgumentException e) {
                throw new BadValueException(e.getMessage());
            }
        }
    }

    /** A size in bytes: {@code 512m}, {@code 1g}, {@code 64k}, {@code 1048576}; units are powers of 1024. */
    static final class SizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                return RunLimits.parseSize(text);
            } catch (IllegalArgumentException e) {
                throw new BadValueException(e.getMessage());
            }
        }
    }

    /** A case time factor: a plain number >= 0, such as {@code 200} or {@code 1.5}. */
    static final class FactorConverter implements ITypeConverter<Double> {

        // Not Double.parseDouble alone: it also takes -1, 1e3, NaN and Infinity, none of which is a factor anyone means.
        private static final Pattern PLAIN_NUMBER = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})?");

        @Override
        public Double convert(String text) {
            String number = text.trim();
            if (!PLAIN_NUMBER.matcher(number).matches()) {
                throw new BadValueException("'" + text + "' is not a factor; expected a number >= 0, e.g. 200");
            }
            return Double.parseDouble(number);
        }
    }
}
