package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.report.ConsoleReport;
import picocli.CommandLine.ITypeConverter;

/** When the console report is in colour: {@code --color auto|always|never}. */
enum ColorMode {
    AUTO, ALWAYS, NEVER;

    /** The values as the command line writes them, for the help and for the error about any other value. */
    static final String CHOICES = "auto, always or never";

    /** Whether to colour the report: always, or on a terminal unless {@code NO_COLOR} is set. */
    boolean colors() {
        return this == ALWAYS || (this == AUTO && ConsoleReport.colorByDefault());
    }

    /**
     * Reads a mode in any case ({@code never}, {@code NEVER}). Ours rather than picocli's enum conversion, whose
     * message for a bad value would change the one kvkit has always written.
     */
    static final class Converter implements ITypeConverter<ColorMode> {
        @Override
        public ColorMode convert(String text) {
            for (ColorMode mode : values()) {
                if (mode.name().equalsIgnoreCase(text)) {
                    return mode;
                }
            }
            throw new BadValueException(text + "; expected " + CHOICES);
        }
    }
}
