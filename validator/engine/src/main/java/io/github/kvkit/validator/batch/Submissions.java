package io.github.kvkit.validator.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The submissions in a folder: each sub-folder is a student's (holding, at any depth, the {@code .java} file to
 * grade), and each {@code .java} file directly in it is a student's, named after the file. Hidden files and folders
 * (a name starting with {@code .}, such as macOS's {@code ._Name.java}) and other files are left out. A folder and a
 * file of the same student make one submission with both files, which is then refused as several.
 */
public final class Submissions {

    private static final String EXPECTED = "expected a folder with a folder or a .java file per student";

    private Submissions() {
    }

    /**
     * The submissions in {@code folder}, by student name; {@code output} (the batch's output, if it is inside) is not
     * one.
     *
     * @throws BatchException when {@code folder} is missing, is a file, cannot be read, or holds no submission
     */
    public static List<Submission> in(Path folder, Path output) throws BatchException {
        if (!Files.exists(folder)) {
            throw new BatchException(folder + ": no such folder; " + EXPECTED);
        }
        if (!Files.isDirectory(folder)) {
            throw new BatchException(folder + ": a file, not a folder; " + EXPECTED);
        }
        Map<String, List<Path>> byStudent = new TreeMap<>();
        Map<String, Path> locations = new TreeMap<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") || sameFile(entry, output)) {
                    continue;
                }
                if (Files.isDirectory(entry)) {
                    byStudent.computeIfAbsent(name, n -> new ArrayList<>()).addAll(javaFilesUnder(entry));
                    locations.put(name, entry);
                } else if (name.endsWith(".java") && name.length() > ".java".length() && Files.isRegularFile(entry)) {
                    String student = name.substring(0, name.length() - ".java".length());
                    byStudent.computeIfAbsent(student, n -> new ArrayList<>()).add(entry);
                    locations.putIfAbsent(student, entry);
                }
            }
        } catch (IOException e) {
            throw new BatchException(folder + ": cannot be read (" + e.getMessage() + "); " + EXPECTED, e);
        }
        if (byStudent.isEmpty()) {
            throw new BatchException(folder + ": holds no submission; " + EXPECTED);
        }
        List<Submission> submissions = new ArrayList<>();
        byStudent.forEach((student, sources) -> submissions.add(new Submission(student, locations.get(student),
                sources.stream().sorted().toList())));
        return submissions;
    }

    private static List<Path> javaFilesUnder(Path studentFolder) throws IOException {
        try (Stream<Path> walk = Files.walk(studentFolder)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p))
                    .filter(p -> !hidden(studentFolder.relativize(p)))
                    .sorted().toList();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return b != null && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
