package io.github.kvkit.validator.sandbox;

import java.nio.file.Path;

/** A way of running a candidate's child JVM so that it reaches only what it needs. {@link Sandboxes} makes them. */
public interface Sandbox {

    /** The mechanism, as reports name it: {@code bubblewrap}, {@code setpriv} or {@code none}. */
    String mechanism();

    /**
     * The path under which the child reads {@code file}, one of the files it needs (a class path entry, the
     * native libraries): the file itself, or a copy the sandbox made readable to the child.
     */
    default Path readable(Path file) {
        return file;
    }

    /** The child of {@code spec}, ready to start inside this sandbox. */
    Confined confine(ChildSpec spec);
}
