package io.github.kvkit.validator.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Where a kit that is one zip is written ({@code FILE.zip}, the Gradescope autograder): its files go to a hidden
 * folder next to the zip, are zipped to a hidden file there, and the zip is moved into place when complete. The
 * folder is always removed; a refused or interrupted kit leaves nothing behind, and no file is ever overwritten.
 */
public final class KitZip implements AutoCloseable {

    private final Path zip;
    private final Path staging;
    private final Path partial;

    private KitZip(Path zip, Path staging, Path partial) {
        this.zip = zip;
        this.staging = staging;
        this.partial = partial;
    }

    /**
     * Creates the hidden folder the kit is written to, next to {@code zip} (creating the folders above it).
     *
     * @throws IOException when that cannot be written there
     */
    public static KitZip stage(Path zip) throws IOException {
        Path target = zip.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new IOException(target + " is a file system's root, not a file");
        }
        Files.createDirectories(parent);
        String hidden = "." + target.getFileName() + ".partial-" + Long.toHexString(System.nanoTime());
        Path staging = Files.createDirectory(parent.resolve(hidden));
        return new KitZip(target, staging, parent.resolve(hidden + ".zip"));
    }

    /** The folder the kit's files are written to; the zip holds what is in it. */
    public Path staging() {
        return staging;
    }

    /** {@code FILE.zip}. */
    public Path zip() {
        return zip;
    }

    /**
     * Zips the folder, every entry at the zip's root and {@code executables} (names in the zip) marked executable,
     * and moves the zip into place.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code FILE.zip} appeared meanwhile: it is left alone
     */
    public void publish(Set<String> executables) throws IOException {
        ZipFiles.zipAtRoot(staging, partial, executables);
        Files.move(partial, zip);
    }

    /** Removes the hidden folder, and the hidden zip unless it was moved into place. */
    @Override
    public void close() throws IOException {
        try {
            FileTrees.delete(staging);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
