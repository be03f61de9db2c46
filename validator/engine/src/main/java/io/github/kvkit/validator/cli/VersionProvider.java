package io.github.kvkit.validator.cli;

import picocli.CommandLine;

/** What {@code --version} prints: kvkit's version, and the Java and ND4J it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {

    static final String VERSION = io.github.kvkit.validator.KvkitVersion.VERSION;

    @Override
    public String[] getVersion() {
        return new String[] {"kvkit " + VERSION + " (Java " + System.getProperty("java.version") + ", ND4J 1.0.0-M2.1)"};
    }
}
