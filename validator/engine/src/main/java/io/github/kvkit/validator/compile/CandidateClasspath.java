package io.github.kvkit.validator.compile;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The class path a candidate is compiled against, and the one its child JVM runs with: each track's contract
 * (its {@code *-api} module: {@code io.github.kvkit.api} and {@code io.github.kvkit.data} for kv-attention) plus
 * the libraries the track's harness module was built with (ND4J, its natives, SLF4J). The child adds the harness
 * modules. Neither the reference solution ({@code io.github.kvkit.attention}) nor the engine
 * ({@code io.github.kvkit.validator}) nor the engine's own libraries are on it: they are in other modules, and
 * nothing here looks at them. {@code docs/architecture.md} draws the modules.
 *
 * <h2>How it is fixed at build time</h2>
 * <ul>
 *   <li><b>Libraries.</b> Each track's harness module lists its runtime dependencies, minus kvkit's own modules,
 *       when it is built ({@code maven-dependency-plugin:build-classpath} into the resource
 *       {@value #LIBRARIES_RESOURCE}), by their paths in the local Maven repository. Every such resource on the
 *       engine's class path is read, in order, and each entry is found on this machine by {@link ChildLibraries}:
 *       the same jar on the validator's own class path, or in the local repository, so that a module built on
 *       another machine (a student kit) lists the same libraries. One that cannot be found is an error.</li>
 *   <li><b>Contract and harness.</b> The jar, or in a reactor build the {@code target/classes} directory, that
 *       defines a contract class ({@link CandidateVisibility#candidateApi()}) or a harness class
 *       ({@link CandidateVisibility#harnessClasses()}): the module itself. An entry that also holds kvkit
 *       classes of other packages (a track kept in a test tree, like the example track) is not used as is: the
 *       class files of its visible packages are copied into a temporary directory that stands in for it.</li>
 * </ul>
 * The in-process loader ({@code load.IsolatingClassLoader}) shows a candidate exactly what comes from these
 * entries.
 *
 * <p>{@link #current()} computes this once per JVM; the object is immutable.
 */
public final class CandidateClasspath {

    /** The resource in which a track's harness module lists, at build time, the libraries of the candidate's JVM. */
    public static final String LIBRARIES_RESOURCE = "META-INF/kvkit/child-libraries.txt";

    private static final String KVKIT_PREFIX = "io/github/kvkit/";

    private static volatile CandidateClasspath current;

    private final List<Path> contract;
    private final List<Path> libraries;
    private final List<Path> harness;

    private CandidateClasspath(List<Path> contract, List<Path> libraries, List<Path> harness) {
        this.contract = List.copyOf(contract);
        this.libraries = List.copyOf(libraries);
        this.harness = List.copyOf(harness);
    }

    /**
     * The candidate class path of this JVM, computed on first use.
     *
     * @throws UncheckedIOException  when a listing cannot be read or a temporary directory cannot be written
     * @throws IllegalStateException when no track lists its libraries, or a listed library is missing
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

    /** The compiler's class path, in order: the contracts first, then the libraries. */
    public List<Path> entries() {
        List<Path> all = new ArrayList<>(contract);
        all.addAll(libraries);
        return Collections.unmodifiableList(all);
    }

    /** The child JVM's class path but the candidate's own directory: {@link #entries()}, then the harness modules. */
    public List<Path> childEntries() {
        List<Path> all = new ArrayList<>(entries());
        all.addAll(harness);
        return Collections.unmodifiableList(all);
    }

    /** The entries holding the candidate-visible packages: a contract module each, or a copy of its packages. */
    public List<Path> contractEntries() {
        return contract;
    }

    /** The libraries the track harness modules listed when they were built. */
    public List<Path> libraryEntries() {
        return libraries;
    }

    /** The harness modules (the engine's harness, each track's), on the child's class path only. */
    public List<Path> harnessEntries() {
        return harness;
    }

    /** {@link #entries()} joined with {@link File#pathSeparator}, for {@code -classpath}. */
    public String asPathString() {
        return entries().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Whether a resource found at {@code url} comes from {@link #entries()} or from the JDK: what a candidate may
     * load in process.
     */
    public boolean serves(URL url) {
        if (url == null) {
            return false;
        }
        String protocol = url.getProtocol().toLowerCase(java.util.Locale.ROOT);
        if (protocol.equals("jrt")) {
            return true;
        }
        Path file;
        if (protocol.equals("jar")) {
            String spec = url.getFile();
            int bang = spec.indexOf("!/");
            if (bang < 0) {
                return false;
            }
            try {
                file = toPath(new URL(spec.substring(0, bang)));
            } catch (java.net.MalformedURLException e) {
                return false;
            }
        } else {
            file = toPath(url);
        }
        if (file == null) {
            return false;
        }
        for (Path entry : entries()) {
            if (file.equals(entry) || file.startsWith(entry) && Files.isDirectory(entry)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return asPathString();
    }

    // ---------------------------------------------------------------------------------------------------

    private static CandidateClasspath compute() {
        List<Class<?>> api = CandidateVisibility.candidateApi();
        Set<String> visible = packagePaths(api);
        List<Path> contract = modulesOf(api, visible);

        List<Class<?>> harnessClasses = CandidateVisibility.harnessClasses();
        Set<String> childVisible = new LinkedHashSet<>(visible);
        childVisible.addAll(packagePaths(harnessClasses));
        List<Path> harness = new ArrayList<>();
        for (Path p : modulesOf(harnessClasses, childVisible)) {
            if (!contract.contains(p) && !harness.contains(p)) {
                harness.add(p);
            }
        }
        return new CandidateClasspath(contract, libraries(), harness);
    }

    /** {@code io/github/kvkit/api/} for each class's package. */
    private static Set<String> packagePaths(Collection<Class<?>> classes) {
        Set<String> out = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            out.add(c.getPackageName().replace('.', '/') + "/");
        }
        return out;
    }

    /**
     * The code sources of {@code classes}, in order, each used as is when it holds nothing of kvkit outside
     * {@code allowed} packages, otherwise replaced by a copy of the packages of those of {@code classes} it defines.
     */
    private static List<Path> modulesOf(List<Class<?>> classes, Set<String> allowed) {
        Map<Path, List<Class<?>>> bySource = new LinkedHashMap<>();
        for (Class<?> c : classes) {
            Path source = codeSource(c);
            if (source == null) {
                throw new IllegalStateException("cannot locate the module of " + c.getName());
            }
            bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(c);
        }
        List<Path> out = new ArrayList<>();
        for (Map.Entry<Path, List<Class<?>>> e : bySource.entrySet()) {
            out.add(holdsOnly(e.getKey(), allowed) ? e.getKey() : exportPackages(e.getValue().toArray(new Class<?>[0])));
        }
        return out;
    }

    /** Whether every file under {@code io/github/kvkit/} in a directory or jar sits directly in an allowed package. */
    private static boolean holdsOnly(Path source, Set<String> allowed) {
        try {
            if (Files.isDirectory(source)) {
                Path root = source.resolve(KVKIT_PREFIX);
                if (!Files.isDirectory(root)) {
                    return true;
                }
                try (Stream<Path> walk = Files.walk(root)) {
                    return walk.filter(Files::isRegularFile)
                            .allMatch(f -> allowed.contains(packageOf(source.relativize(f).toString().replace('\\', '/'))));
                }
            }
            try (JarFile jar = new JarFile(source.toFile(), false)) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (!entry.isDirectory() && name.contains(KVKIT_PREFIX) && !allowed.contains(packageOf(name))) {
                        return false;
                    }
                }
                return true;
            }
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** {@code "io/github/kvkit/api/"} for {@code "io/github/kvkit/api/CachedAttention.class"}. */
    private static String packageOf(String resource) {
        return resource.substring(0, resource.lastIndexOf('/') + 1);
    }

    /**
     * The files listed in every {@value #LIBRARIES_RESOURCE} on the engine's class path, found on this machine
     * ({@link ChildLibraries}), in order, without repeats.
     */
    private static List<Path> libraries() {
        Set<Path> out = new LinkedHashSet<>();
        ClassLoader loader = CandidateClasspath.class.getClassLoader();
        List<URL> listings;
        try {
            listings = Collections.list(loader.getResources(LIBRARIES_RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + LIBRARIES_RESOURCE + ": " + e, e);
        }
        if (listings.isEmpty()) {
            throw new IllegalStateException("no track harness lists the libraries of the candidate's JVM ("
                    + LIBRARIES_RESOURCE + "); build the kit with mvn install");
        }
        ChildLibraries resolver = ChildLibraries.of(loader);
        for (URL listing : listings) {
            String text;
            try (InputStream in = listing.openStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + listing + ": " + e, e);
            }
            out.addAll(resolver.resolve(text, listing.toString()));
        }
        return List.copyOf(out);
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

    /**
     * Copies the {@code .class} files of the packages of the given classes (each package's own files, not
     * sub-packages) into a fresh temporary directory, deleted when the JVM exits, and returns it. It stands in for
     * a contract or harness whose classes share a directory or jar with other kvkit classes (a track in a test
     * tree); a track in modules of its own never needs it.
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
