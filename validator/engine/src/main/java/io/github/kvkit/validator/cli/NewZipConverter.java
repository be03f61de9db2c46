package io.github.kvkit.validator.cli;

import picocli.CommandLine.ITypeConverter;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the zip file a kit may be written to: a name ending in {@code .zip} where nothing exists yet. Nothing is
 * overwritten, so an autograder never mixes with an older one.
 */
final class NewZipConverter implements ITypeConverter<Path> {

    private static final String EXPECTED = "; expected a new .zip file";

    @Override
    public Path convert(String value) {
        Path zip;
        try {
            zip = Path.of(value);
        } catch (InvalidPathException e) {
            throw new BadValueException(value + ": not a path (" + e.getReason() + ")" + EXPECTED);
        }
        Path name = zip.getFileName();
        if (name == null || !name.toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            throw new BadValueException(value + ": not a .zip file name" + EXPECTED);
        }
        if (Files.isDirectory(zip)) {
            throw new BadValueException(value + ": a folder" + EXPECTED);
        }
        if (Files.exists(zip)) {
            throw new BadValueException(value + ": already exists" + EXPECTED);
        }
        return zip;
    }
}
