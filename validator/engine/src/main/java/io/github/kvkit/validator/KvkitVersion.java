package io.github.kvkit.validator;

/**
 * kvkit's version, as {@code --version} prints it and as the disk cache of expected results is keyed by: a release
 * that changes how expected results are computed changes it, and so never reads an older release's entries.
 */
public final class KvkitVersion {

    /** The version of this build of kvkit. */
    public static final String VERSION = "0.1.0";

    private KvkitVersion() {
    }
}
