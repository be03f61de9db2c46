package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.sandbox.SandboxMode;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code --sandbox} in any case, with kvkit's wording for a bad value. */
final class SandboxModeConverter implements ITypeConverter<SandboxMode> {
    @Override
    public SandboxMode convert(String text) {
        SandboxMode mode = SandboxMode.parse(text);
        if (mode == null) {
            throw new BadValueException(text + "; expected " + SandboxMode.CHOICES);
        }
        return mode;
    }
}
