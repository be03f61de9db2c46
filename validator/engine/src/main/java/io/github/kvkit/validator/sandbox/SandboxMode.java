package io.github.kvkit.validator.sandbox;

import java.util.Locale;

/** What the user asked for with {@code --sandbox}. */
public enum SandboxMode {
    /** Bubblewrap when it is installed and works; else the plain child, with a one-line warning on Linux. */
    AUTO,
    /** Bubblewrap, else the unprivileged-user fallback; else refuse to grade. What graders use. */
    ON,
    /** The plain child JVM: no sandbox. */
    OFF,
    /** Bubblewrap or refuse. */
    BUBBLEWRAP,
    /** The unprivileged-user fallback or refuse (root only). */
    SETPRIV;

    /** The values as the command line writes them, for the help and for the error about any other value. */
    public static final String CHOICES = "auto, on, off, bubblewrap or setpriv";

    /** The mode in any case ({@code on}, {@code ON}), or null when {@code text} names none. */
    public static SandboxMode parse(String text) {
        for (SandboxMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text)) {
                return mode;
            }
        }
        return null;
    }

    /** As the command line writes it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
