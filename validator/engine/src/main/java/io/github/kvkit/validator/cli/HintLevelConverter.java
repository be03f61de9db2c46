package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.diagnose.Hint;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code --hint N}: 1 the symptom, 2 where in the file, 3 the fix and why. */
final class HintLevelConverter implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String text) {
        String n = text.trim();
        if (!n.matches("[1-9]") || Integer.parseInt(n) > Hint.MAX_LEVEL) {
            throw new BadValueException("'" + text + "' is not a hint level; expected 1 (the symptom), 2 (where in your "
                    + "file) or 3 (the fix and why)");
        }
        return Integer.parseInt(n);
    }
}
