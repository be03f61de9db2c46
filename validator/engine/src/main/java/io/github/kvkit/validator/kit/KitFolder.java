package io.github.kvkit.validator.kit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a kit is written: a folder, and a zip of it next to it ({@code DIR} and {@code DIR.zip}). The kit is first
 * written to a hidden folder beside them and moved into place when complete, so an interrupted or refused kit
 * leaves neither a half-written folder nor a zip that does not match it. Closing it without {@link #publish()}
 * removes what was written.
 */
public final class KitFolder implements AutoCloseable {

    private final Path folder;
    private final Path zip;
    private final Path staging;
    private boolean published;

    private KitFolder(Path folder, Path zip, Path staging) {
        this.folder = folder;
        this.zip = zip;
        this.staging = staging;
    }

    /**
     * Creates the hidden folder the kit is written to, next to {@code folder} (creating the folders above it).
     *
     * @throws IOException when that cannot be written there
     */
    public static KitFolder stage(Path folder) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new IOException(target + " is a file system's root, which cannot hold a kit next to it");
        }
        Files.createDirectories(parent);
        // Not a temporary directory: its owner-only permissions would stay with the published folder.
        Path staging = Files.createDirectory(parent.resolve("." + target.getFileName() + ".partial-"
                + Long.toHexString(System.nanoTime())));
        return new KitFolder(target, parent.resolve(target.getFileName() + ".zip"), staging);
    }

    /** The folder the kit is written to until it is published. */
    public Path staging() {
        return staging;
    }

    /** {@code DIR.zip}. */
    public Path zip() {
        return zip;
    }

    /**
     * Zips the kit (every entry under the folder's name) and moves folder and zip into place. The folder may exist
     * if it is empty; the zip must not exist.
     */
    public void publish() throws IOException {
        Path partialZip = staging.resolveSibling(staging.getFileName() + ".zip");
        try (OutputStream out = Files.newOutputStream(partialZip)) {
            ZipFiles.zip(staging, folder.getFileName().toString(), out);
        }
        try {
            if (Files.isDirectory(folder)) {
                Files.delete(folder);   // empty: a folder with anything in it was refused before
            }
            Files.move(staging, folder);
            Files.move(partialZip, zip);
            published = true;
        } finally {
            Files.deleteIfExists(partialZip);
        }
    }

    /** Removes the hidden folder unless the kit was published. */
    @Override
    public void close() throws IOException {
        if (!published) {
            FileTrees.delete(staging);
        }
    }
}
