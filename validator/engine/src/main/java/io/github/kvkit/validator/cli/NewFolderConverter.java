package io.github.kvkit.validator.cli;

import picocli.CommandLine.ITypeConverter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reads a folder a kit may be written to: one that does not exist or is empty, with no {@code .zip} of the same name
 * next to it (the kit is zipped there). Nothing is overwritten, so a kit never mixes with older files.
 */
final class NewFolderConverter implements ITypeConverter<Path> {

    private static final String EXPECTED = "; expected a new or empty folder";

    @Override
    public Path convert(String value) {
        Path folder;
        try {
            folder = Path.of(value);
        } catch (InvalidPathException e) {
            throw new BadValueException(value + ": not a path (" + e.getReason() + ")" + EXPECTED);
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new BadValueException(value + ": a file, not a folder" + EXPECTED);
        }
        if (Files.isDirectory(folder) && !isEmpty(folder)) {
            throw new BadValueException(value + ": not empty" + EXPECTED);
        }
        Path absolute = folder.toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            throw new BadValueException(value + ": a file system's root, with no room for a zip next to it" + EXPECTED);
        }
        Path zip = absolute.resolveSibling(absolute.getFileName() + ".zip");
        if (Files.exists(zip)) {
            throw new BadValueException(value + ": " + folder + ".zip already exists" + EXPECTED
                    + " with no .zip of its name next to it, where the kit's zip goes");
        }
        return folder;
    }

    private static boolean isEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new BadValueException(folder + ": cannot be listed (" + e.getMessage() + ")" + EXPECTED);
        }
    }
}
