package io.github.kvkit.validator.cli;

import picocli.CommandLine.TypeConversionException;

/**
 * A value one of kvkit's converters refused. Its message is worded to follow the option's name, as in
 * {@code --time-floor '10x' is not a duration; expected e.g. 10s, 500ms or 10m}, so {@link UsageErrorHandler}
 * can say it in the one line kvkit has always written rather than in picocli's "Invalid value for option" form.
 */
final class BadValueException extends TypeConversionException {

    private static final long serialVersionUID = 1L;

    BadValueException(String message) {
        super(message);
    }
}
