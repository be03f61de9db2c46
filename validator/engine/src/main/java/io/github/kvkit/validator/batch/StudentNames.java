package io.github.kvkit.validator.batch;

/**
 * Which names can be a student's: a name that is also a folder under {@code OUT/reports}, so one folder name, never a
 * path (a gradebook read back could have been edited).
 */
final class StudentNames {

    private StudentNames() {
    }

    static boolean valid(String name) {
        return !name.isEmpty() && !name.startsWith(".") && name.indexOf('/') < 0 && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0;
    }
}
