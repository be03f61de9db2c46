package io.github.kvkit.validator.cli;

import picocli.CommandLine.ITypeConverter;

/** Reads {@code --jobs N}: how many submissions are graded at once, from 1 to 256. */
final class JobsConverter implements ITypeConverter<Integer> {

    static final int MOST = 256;

    @Override
    public Integer convert(String text) {
        String n = text.trim();
        if (!n.matches("[0-9]{1,4}") || Integer.parseInt(n) < 1 || Integer.parseInt(n) > MOST) {
            throw new BadValueException("'" + text + "' is not a number of jobs; expected a whole number from 1 to "
                    + MOST + ", e.g. 2");
        }
        return Integer.parseInt(n);
    }
}
