package io.github.kvkit.validator.compile;


import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The class path a candidate is compiled against (and can later run with in a child JVM): ND4J and its
 * dependencies, plus only the classes of {@code io.github.kvkit.api} and {@code io.github.kvkit.data}.
 * Neither the reference solution ({@code io.github.kvkit.attention}) nor the validator
 * ({@code io.github.kvkit.validator}) nor the validator's own libraries are on it.
 *
 * <p>What a candidate may see is decided once, in {@link CandidateVisibility}; the in-process loader
 * ({@code load.IsolatingClassLoader}) applies the same
 * visibility rule to classes loaded in process.
 *
 * <h2>How it is built</h2>
 * <ol>
 *   <li>Entries are collected from the {@link URLClassLoader}s in the chains of this class's loader and
 *       the context loader (as under {@code mvn exec:java}; Maven's own class realms are skipped), then from
 *       {@code java.class.path} (plain {@code java}, Surefire). {@code Class-Path} manifest attributes of jars
 *       are followed (Surefire's manifest-only booter jar, a launcher jar with a {@code lib/} folder).</li>
 *   <li>Dropped: entries that do not exist; every directory or jar holding anything under
 *       {@code io/github/kvkit/} (the validator's classes, the reference, test classes); validator-only
 *       libraries by file name (picocli, json-schema-validator and its YAML/time dependencies, the
 *       {@code com.fasterxml} Jackson jars, JUnit, opentest4j, apiguardian, Surefire, Maven, Plexus,
 *       classworlds, IDE runners). ND4J's own shaded {@code org.nd4j:jackson} jar stays.</li>
 *   <li>The {@code .class} files of {@code io/github/kvkit/api/} and {@code io/github/kvkit/data/} are read
 *       as resources of the validator's loader and copied into a fresh temporary directory, which comes
 *       first. It is deleted when the JVM exits.</li>
 * </ol>
 * Limitation: a single "fat" jar that holds the validator and ND4J together cannot be split this way and
 * is dropped as a whole; the validator is meant to run from a class path of separate jars/directories.
 *
 * <p>{@link #current()} computes this once per JVM; the object is immutable.
 */
public final class CandidateClasspath {


    /** File-name prefixes (lower case) of jars that only the validator, its tests or its launcher use. */
    private static final List<String> VALIDATOR_ONLY_JARS = List.of(
            "picocli", "json-schema-validator", "jackson-databind-", "jackson-core-", "jackson-annotations-",
            "jackson-dataformat-", "snakeyaml-", "itu-",
            "junit", "opentest4j", "apiguardian", "surefire", "maven", "plexus", "classworlds",
            "idea_rt", "jetbrains", "org.eclipse.jdt");

    private static final String KVKIT_PREFIX = "io/github/kvkit/";

    private static volatile CandidateClasspath current;

    private final List<Path> entries;
    private final Path exportedClasses;
    private final List<Path> dropped;

    private CandidateClasspath(List<Path> entries, Path exportedClasses, List<Path> dropped) {
        this.entries = List.copyOf(entries);
        this.exportedClasses = exportedClasses;
        this.dropped = List.copyOf(dropped);
    }

    /**
     * The candidate class path of this JVM, computed on first use.
     *
     * @throws UncheckedIOException  when the temporary directory cannot be written
     * @throws IllegalStateException when the classes of the contract cannot be located
     */
    public static CandidateClasspath current() {
        CandidateClasspath cp = current;
        if (cp == null) {
            synchronized (CandidateClasspath.class) {
                cp = current;
                if (cp == null) {
                    cp = compute();
                    current = cp;
                }
            }
        }
        return cp;
    }

    /** Class-path entries in order: the copied contract classes first, then libraries. */
    public List<Path> entries() {
        return entries;
    }

    /** {@link #entries()} joined with {@link File#pathSeparator}, for {@code -classpath}. */
    public String asPathString() {
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** The temporary directory holding {@code io/github/kvkit/api/*.class} and {@code io/github/kvkit/data/*.class}. */
    public Path exportedClassesDirectory() {
        return exportedClasses;
    }

    /** The entries of this JVM's class path that were left out, for diagnostics. */
    public List<Path> droppedEntries() {
        return dropped;
    }

    @Override
    public String toString() {
        return asPathString();
    }

    // ---------------------------------------------------------------------------------------------------

    private static CandidateClasspath compute() {
        Set<Path> all = new LinkedHashSet<>();
        for (Path p : fromClassLoaders()) {
            addWithManifest(all, p);
        }
        for (Path p : fromJavaClassPath()) {
            addWithManifest(all, p);
        }
        Set<Path> validatorLocations = new LinkedHashSet<>();
        addCodeSource(validatorLocations, CandidateClasspath.class);
        for (Class<?> c : CandidateVisibility.candidateApi()) {
            addCodeSource(validatorLocations, c);
        }

        List<Path> kept = new ArrayList<>();
        List<Path> dropped = new ArrayList<>();
        for (Path p : all) {
            if (!Files.exists(p) || validatorLocations.contains(p) || isValidatorOnlyJar(p) || holdsKvkit(p)) {
                dropped.add(p);
            } else {
                kept.add(p);
            }
        }
        Path exported = exportContractClasses();
        List<Path> entries = new ArrayList<>();
        entries.add(exported);
        entries.addAll(kept);
        return new CandidateClasspath(entries, exported, dropped);
    }

    /** URLs of the URLClassLoaders in both chains, root first; Maven's class realms are skipped. */
    private static List<Path> fromClassLoaders() {
        List<Path> paths = new ArrayList<>();
        Set<ClassLoader> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (ClassLoader start : new ClassLoader[] {CandidateClasspath.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            List<ClassLoader> chain = new ArrayList<>();
            for (ClassLoader l = start; l != null; l = l.getParent()) {
                chain.add(0, l);
            }
            for (ClassLoader l : chain) {
                if (!seen.add(l) || !(l instanceof URLClassLoader ucl) || isMavenRealm(l)) {
                    continue;
                }
                for (URL url : ucl.getURLs()) {
                    Path p = toPath(url);
                    if (p != null) {
                        paths.add(p);
                    }
                }
            }
        }
        return paths;
    }

    private static boolean isMavenRealm(ClassLoader l) {
        String name = l.getClass().getName();
        return name.startsWith("org.codehaus.plexus.classworlds.") || name.startsWith("org.apache.maven.");
    }

    private static List<Path> fromJavaClassPath() {
        List<Path> paths = new ArrayList<>();
        String cp = System.getProperty("java.class.path", "");
        for (String s : cp.split(File.pathSeparator)) {
            if (!s.isBlank()) {
                try {
                    paths.add(Paths.get(s));
                } catch (InvalidPathException ignored) {
                    // not a usable entry
                }
            }
        }
        return paths;
    }

    /** Adds {@code p} and, for a jar, the entries of its {@code Class-Path} manifest attribute, recursively. */
    private static void addWithManifest(Set<Path> all, Path p) {
        Path normalized = p.toAbsolutePath().normalize();
        if (!all.add(normalized) || !isJar(normalized) || !Files.isRegularFile(normalized)) {
            return;
        }
        String classPath;
        try (JarFile jar = new JarFile(normalized.toFile(), false)) {
            Manifest manifest = jar.getManifest();
            classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        } catch (IOException e) {
            return;
        }
        if (classPath == null) {
            return;
        }
        for (String item : classPath.trim().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            Path target;
            try {
                URI uri = normalized.getParent().toUri().resolve(item);     // items are relative or absolute URLs
                target = "file".equalsIgnoreCase(uri.getScheme()) ? Paths.get(uri) : null;
            } catch (IllegalArgumentException e) {                      // includes InvalidPathException
                try {
                    target = normalized.resolveSibling(item);                 // not a URL: a plain relative path
                } catch (InvalidPathException e2) {
                    target = null;
                }
            }
            if (target != null) {
                addWithManifest(all, target);
            }
        }
    }

    private static boolean isJar(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jar") || name.endsWith(".zip");
    }

    private static boolean isValidatorOnlyJar(Path p) {
        if (!Files.isRegularFile(p) || p.getFileName() == null) {
            return false;
        }
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return VALIDATOR_ONLY_JARS.stream().anyMatch(name::startsWith);
    }

    /** Whether a directory or jar holds anything of kvkit (validator, reference, tests or contract). */
    private static boolean holdsKvkit(Path p) {
        if (Files.isDirectory(p)) {
            return Files.exists(p.resolve(KVKIT_PREFIX));
        }
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try (JarFile jar = new JarFile(p.toFile(), false)) {
            Enumeration<JarEntry> e = jar.entries();
            while (e.hasMoreElements()) {
                String name = e.nextElement().getName();
                if (name.startsWith(KVKIT_PREFIX) || name.startsWith("META-INF/versions/")
                        && name.contains("/" + KVKIT_PREFIX)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void addCodeSource(Set<Path> into, Class<?> c) {
        Path p = codeSource(c);
        if (p != null) {
            into.add(p);
        }
    }

    private static Path codeSource(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        return cs == null || cs.getLocation() == null ? null : toPath(cs.getLocation());
    }

    private static Path toPath(URL url) {
        if (!"file".equalsIgnoreCase(url.getProtocol())) {
            return null;
        }
        try {
            return Paths.get(url.toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            try {
                return Paths.get(url.getPath()).toAbsolutePath().normalize();
            } catch (InvalidPathException e2) {
                return null;
            }
        }
    }

    /** Copies the class files of the exported packages into a fresh temporary directory. */
    private static Path exportContractClasses() {
        return exportPackages(CandidateVisibility.candidateApi().toArray(new Class<?>[0]));
    }

    /**
     * Copies the {@code .class} files of the packages of the given classes (each package's own files, not
     * sub-packages) into a fresh temporary directory, deleted when the JVM exits, and returns it. This is
     * how the contract gets onto the candidate class path; a child JVM that runs candidates can use it for
     * its own harness packages, which then sit on its class path without the rest of the validator.
     *
     * @throws UncheckedIOException  when the directory cannot be written
     * @throws IllegalStateException when a package's class files cannot be listed or read
     */
    public static Path exportPackages(Class<?>... representatives) {
        try {
            Path dir = Files.createTempDirectory("kvkit-candidate-cp-");
            deleteOnExit(dir);
            for (Class<?> representative : representatives) {
                if (representative.getPackageName().isEmpty()) {
                    throw new IllegalArgumentException("cannot export the default package of " + representative);
                }
                String packagePath = representative.getPackageName().replace('.', '/') + "/";
                List<String> names = classFileNames(representative, packagePath);
                if (names.isEmpty()) {
                    throw new IllegalStateException("cannot list the classes of " + representative.getPackageName()
                            + " (code source " + codeSource(representative) + ")");
                }
                Path target = dir.resolve(packagePath);
                Files.createDirectories(target);
                ClassLoader own = representative.getClassLoader();
                for (String name : names) {
                    String resource = packagePath + name;
                    try (InputStream in = own.getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new IllegalStateException("cannot read " + resource + " from " + own);
                        }
                        Files.copy(in, target.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the class files of " + List.of(representatives) + ": " + e, e);
        }
    }

    /** File names ({@code Foo.class}, {@code Foo$1.class}) directly in {@code packagePath} of c's code source. */
    private static List<String> classFileNames(Class<?> c, String packagePath) throws IOException {
        Path source = codeSource(c);
        if (source == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(source)) {
            Path dir = source.resolve(packagePath);
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.class")) {
                    for (Path f : files) {
                        if (Files.isRegularFile(f)) {
                            names.add(f.getFileName().toString());
                        }
                    }
                }
            }
        } else if (Files.isRegularFile(source)) {
            try (JarFile jar = new JarFile(source.toFile(), false)) {
                Enumeration<JarEntry> e = jar.entries();
                while (e.hasMoreElements()) {
                    String name = e.nextElement().getName();
                    if (name.startsWith(packagePath) && name.endsWith(".class")
                            && name.indexOf('/', packagePath.length()) < 0) {
                        names.add(name.substring(packagePath.length()));
                    }
                }
            }
        }
        Collections.sort(names);
        return names;
    }

    private static void deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // best effort
                    }
                });
            } catch (IOException | UncheckedIOException ignored) {
                // best effort
            }
        }, "kvkit-candidate-cp-cleanup"));
    }
}
