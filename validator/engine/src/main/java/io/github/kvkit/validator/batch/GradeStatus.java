package io.github.kvkit.validator.batch;

import io.github.kvkit.validator.result.ValidationReport;

import java.util.Locale;
import java.util.Optional;

/** How grading one student's submission ended, as the gradebook's {@code status} column says it. */
public enum GradeStatus {
    /** The code ran and passed every case. */
    PASSED,
    /** The code ran and some case did not pass. */
    FAILED,
    /** The submission does not compile. */
    COMPILE_ERROR,
    /** It compiles but breaks the contract. */
    CONTRACT_ERROR,
    /** The validator could not grade it (the file could not be read). */
    SETUP_ERROR,
    /** The student's folder holds no {@code .java} file. */
    NO_JAVA_FILE,
    /** The student's folder holds more than one {@code .java} file, so which to grade is unknown. */
    SEVERAL_JAVA_FILES,
    /** kvkit failed on this submission (a bug: please report it); graded again on the next run. */
    INTERNAL_ERROR;

    /** The name in the gradebook: lower case with underscores, e.g. {@code compile_error}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status called {@code id}, if any. */
    public static Optional<GradeStatus> byId(String id) {
        for (GradeStatus s : values()) {
            if (s.id().equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether the submission's code ran on the cases. */
    public boolean ran() {
        return this == PASSED || this == FAILED;
    }

    /** The status of a validation's report. */
    public static GradeStatus of(ValidationReport report) {
        return switch (report.outcome()) {
            case RAN -> report.allPassed() ? PASSED : FAILED;
            case COMPILE_ERROR -> COMPILE_ERROR;
            case CONTRACT_ERROR -> CONTRACT_ERROR;
            case SETUP_ERROR -> SETUP_ERROR;
        };
    }
}
