package io.github.kvkit.validator.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One student's submission as found in the submissions folder: a folder of theirs, or a {@code .java} file named
 * after them.
 *
 * @param student  the student's name: the folder's name, or the file's without {@code .java}
 * @param location the folder or file it was found at
 * @param sources  the {@code .java} files found there, in name order; grading needs exactly one
 */
public record Submission(String student, Path location, List<Path> sources) {

    public Submission {
        sources = List.copyOf(sources);
    }

    /** The file to grade, when there is exactly one. */
    public Optional<Path> file() {
        return sources.size() == 1 ? Optional.of(sources.get(0)) : Optional.empty();
    }

    /** What keeps it from being graded (no {@code .java} file, several), or empty when it can be. */
    public Optional<GradeStatus> problem() {
        return sources.isEmpty() ? Optional.of(GradeStatus.NO_JAVA_FILE)
                : sources.size() > 1 ? Optional.of(GradeStatus.SEVERAL_JAVA_FILES) : Optional.empty();
    }

    /** The problem in one line, for the gradebook and the reports: "alice/ holds no .java file; expected one". */
    public String problemMessage() {
        if (sources.isEmpty()) {
            return location + " holds no .java file; expected exactly one";
        }
        return location + " holds " + sources.size() + " .java files (" + sources.stream()
                .map(s -> location.relativize(s).toString()).collect(Collectors.joining(", "))
                + "); expected exactly one";
    }
}
