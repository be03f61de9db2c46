package io.github.kvkit.validator.cli;

import picocli.CommandLine;

/** The version from the jar manifest, or the build's when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {

    static final String VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {"kvkit " + VERSION + " (Java " + System.getProperty("java.version") + ", ND4J 1.0.0-M2.1)"};
    }
}
