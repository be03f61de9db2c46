package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.diagnose.Hint;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code kit student --hints N}: 0 for no diagnose in the kit, else the highest hint level students get. */
final class KitHintsConverter implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String text) {
        String n = text.trim();
        if (!n.matches("[0-9]") || Integer.parseInt(n) > Hint.MAX_LEVEL) {
            throw new BadValueException("'" + text + "' is not a hint level for a kit; expected 0 (no diagnose), 1, 2 or 3");
        }
        return Integer.parseInt(n);
    }
}
