package io.github.kvkit.validator.result;

import java.util.Locale;

/** Who may see a case's details: students see visible ones in full, hidden ones by name and verdict only. */
public enum Visibility {
    VISIBLE, HIDDEN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
