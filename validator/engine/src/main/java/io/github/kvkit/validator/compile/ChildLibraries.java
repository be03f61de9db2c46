package io.github.kvkit.validator.compile;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds on this machine the libraries a track's harness module listed when it was built
 * ({@value CandidateClasspath#LIBRARIES_RESOURCE}).
 *
 * <p>The listing names a library by its path in the local Maven repository of the machine that built the module,
 * {@code M2_REPO/org/nd4j/nd4j-api/1.0.0-M2.1/nd4j-api-1.0.0-M2.1.jar}, not by an absolute path: a student kit is
 * built on one machine and used on another, whose repository is somewhere else. Such an entry is, in order:
 * <ol>
 *   <li>the jar at that repository path on the validator's own class path. Maven resolved the same dependencies for
 *       the validator (the engine depends on the harness, the app on each track), so this is the usual case;</li>
 *   <li>the file at that path in a local repository: {@code maven.repo.local} if set, else {@code ~/.m2/repository};</li>
 *   <li>for a jar with a classifier (ND4J's natives, {@code ...-linux-x86_64.jar}), the same artifact and version
 *       with another classifier on the validator's class path, when there is exactly one: the module was built on
 *       another platform, and Maven's OS profile picked this machine's natives for the validator.</li>
 * </ol>
 * An entry outside the builder's repository is an absolute path and is used as it is.
 */
final class ChildLibraries {

    /** What a listed path starts with when it lies in the builder's local repository ({@code localRepoProperty}). */
    static final String REPOSITORY = "M2_REPO/";
    /** Between two entries of a listing: a character no path on any platform uses ({@code pathSeparator}). */
    static final String SEPARATOR = "|";

    private final List<Path> classPath;
    private final List<Path> repositories;

    /**
     * @param classPath    the files on the validator's own class path
     * @param repositories local Maven repositories to look in after the class path, in order
     */
    ChildLibraries(List<Path> classPath, List<Path> repositories) {
        this.classPath = List.copyOf(classPath);
        this.repositories = List.copyOf(repositories);
    }

    /** Resolves against the class path of {@code loader} (and {@code java.class.path}) and this JVM's local repository. */
    static ChildLibraries of(ClassLoader loader) {
        Set<Path> files = new LinkedHashSet<>();
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            // mvn exec:java runs the validator in a URLClassLoader of the project's dependencies.
            if (l instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    addFile(files, url);
                }
            }
        }
        // A plain java -cp, and Surefire's forked JVM, name the class path here.
        for (String item : System.getProperty("java.class.path", "").split(Pattern.quote(File.pathSeparator))) {
            addPath(files, item);
        }
        List<Path> repositories = new ArrayList<>();
        String local = System.getProperty("maven.repo.local");
        if (local != null && !local.isBlank()) {
            addPath(repositories, local);
        }
        addPath(repositories, Paths.get(System.getProperty("user.home"), ".m2", "repository").toString());
        return new ChildLibraries(new ArrayList<>(files), repositories);
    }

    /**
     * The files a listing names, in order.
     *
     * @param listing the listing's text: entries separated by {@value #SEPARATOR} or line breaks
     * @param origin  where the listing was read, for messages
     * @throws IllegalStateException when an entry cannot be found on this machine
     */
    List<Path> resolve(String listing, String origin) {
        List<Path> out = new ArrayList<>();
        for (String item : listing.split("[" + SEPARATOR + "\\r\\n]")) {
            String entry = item.strip();
            if (!entry.isEmpty()) {
                out.add(entry.startsWith(REPOSITORY) ? inRepository(entry.substring(REPOSITORY.length()), origin)
                        : absolute(entry, origin));
            }
        }
        return out;
    }

    private Path inRepository(String relative, String origin) {
        String suffix = "/" + relative;
        for (Path file : classPath) {
            if (slashes(file).endsWith(suffix)) {
                return file;
            }
        }
        for (Path repository : repositories) {
            Path file = repository.resolve(relative).normalize();
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        Path otherPlatform = sameArtifactOtherClassifier(relative, origin);
        if (otherPlatform != null) {
            return otherPlatform;
        }
        throw new IllegalStateException("the candidate's class path needs " + relative + " (listed in " + origin
                + "), which is neither on the validator's class path nor in the local Maven repository "
                + repositories + "; expected the validator to run through Maven (mvn exec:java) after a build");
    }

    /**
     * For {@code g/a/v/a-v-classifier.jar}: the one jar {@code a-v-OTHER.jar} of the same {@code g/a/v} folder on
     * the class path, or null when the listed jar has no classifier or there is none.
     */
    private Path sameArtifactOtherClassifier(String relative, String origin) {
        String[] parts = relative.split("/");
        if (parts.length < 4) {
            return null;
        }
        String name = parts[parts.length - 1];
        String prefix = parts[parts.length - 3] + "-" + parts[parts.length - 2] + "-";
        if (!name.startsWith(prefix) || !name.endsWith(".jar")) {
            return null;
        }
        String folder = "/" + relative.substring(0, relative.length() - name.length());
        List<Path> found = new ArrayList<>();
        for (Path file : classPath) {
            String path = slashes(file);
            String fileName = file.getFileName().toString();
            if (path.endsWith(folder + fileName) && fileName.startsWith(prefix) && fileName.endsWith(".jar")) {
                found.add(file);
            }
        }
        if (found.size() > 1) {
            throw new IllegalStateException("the candidate's class path needs " + relative + " (listed in " + origin
                    + "); the validator's class path has " + found.size() + " other builds of it, " + found
                    + "; expected one, the natives of this machine");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static Path absolute(String entry, String origin) {
        Path file;
        try {
            file = Paths.get(entry).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalStateException("bad entry '" + entry + "' in " + origin, e);
        }
        if (!Files.exists(file)) {
            throw new IllegalStateException("the candidate's class path names " + file + " (" + origin
                    + "), which does not exist; rebuild the kit with mvn install");
        }
        return file;
    }

    private static String slashes(Path file) {
        return file.toString().replace('\\', '/');
    }

    private static void addFile(Set<Path> files, URL url) {
        if ("file".equalsIgnoreCase(url.getProtocol())) {
            try {
                files.add(Paths.get(url.toURI()).toAbsolutePath().normalize());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a file this JVM can name; it cannot be a library of the child either
            }
        }
    }

    private static void addPath(Collection<Path> paths, String item) {
        if (item.isBlank()) {
            return;
        }
        try {
            Path p = Paths.get(item).toAbsolutePath().normalize();
            if (!paths.contains(p)) {
                paths.add(p);
            }
        } catch (InvalidPathException e) {
            // an entry of java.class.path this platform cannot name is no library of ours
        }
    }
}
