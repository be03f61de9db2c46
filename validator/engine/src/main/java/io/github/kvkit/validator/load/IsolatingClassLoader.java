package io.github.kvkit.validator.load;

import io.github.kvkit.validator.compile.CandidateClasspath;
import io.github.kvkit.validator.compile.CandidateVisibility;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * The parent of every {@link CandidateClassLoader}: it delegates to the validator's class loader but
 * hides everything of kvkit except the contract ({@code io.github.kvkit.api}) and the seeded data
 * ({@code io.github.kvkit.data}), plus a few validator-only libraries.
 *
 * <h2>Why a separate loader</h2>
 * A candidate must share {@code CachedAttention}, {@code INDArray} &amp; co. with the validator (the same
 * {@link Class} objects, or the validator could not call it), so its classes cannot live in an unrelated
 * loader. But the validator's own loader can also see the reference solution
 * ({@code io.github.kvkit.attention}) and the validator itself: a candidate that did
 * {@code Class.forName("io.github.kvkit.attention.KVCachedMultiHeadAttention")} could simply delegate to
 * it. This loader sits between the two and answers {@link ClassNotFoundException} and {@code null}
 * resources for every hidden name, so {@code Class.forName}, {@code getResource}, {@code getResources}
 * and {@code Package.getPackage} issued from candidate code see neither.
 *
 * <p>It is kept apart from {@link CandidateClassLoader} so that any base loader can be wrapped: the
 * validator's loader in process, or the system loader of a child JVM that runs candidates.
 *
 * <h2>Limits</h2>
 * This is name-based visibility, not a security boundary: code running in the same JVM can still reach
 * the hidden classes through loaders it obtains otherwise ({@code ClassLoader.getSystemClassLoader()},
 * {@code CachedAttention.class.getClassLoader()}, a thread's context loader). Running the candidate in a
 * child JVM whose class path is {@link CandidateClasspath#asPathString()} closes that: the reference is
 * then not on the class path at all.
 */
public final class IsolatingClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** Resource-path prefixes (lower case) of kvkit that candidates may see. */
    private static final List<String> VISIBLE_KVKIT = CandidateVisibility.visiblePrefixes();

    /** Resource-path prefixes (lower case) that candidates never see, apart from {@link #VISIBLE_KVKIT}. */
    private static final List<String> HIDDEN = List.of(
            "io/github/kvkit/",
            // validator-only libraries, hidden so that run time matches the compile class path
            "picocli/", "com/networknt/", "com/fasterxml/jackson/", "org/yaml/snakeyaml/", "com/ethlo/time/",
            "org/junit/", "org/opentest4j/", "org/apiguardian/");

    /** Wraps {@code parent}, the loader that defines the contract, ND4J and the rest. */
    public IsolatingClassLoader(ClassLoader parent) {
        super("kvkit-isolating", parent);
    }

    /** Whether a class of this binary name is hidden from candidates. */
    public static boolean isHiddenClass(String binaryName) {
        return binaryName != null && isHiddenResource(binaryName.replace('.', '/') + ".class");
    }

    /**
     * Whether a resource of this name is hidden from candidates. Names are compared after removing leading
     * slashes and resolving {@code .}/{@code ..} segments, ignoring case (case-insensitive file systems
     * would otherwise serve {@code IO/GitHub/...}).
     */
    public static boolean isHiddenResource(String name) {
        if (name == null) {
            return false;
        }
        String path = normalize(name).toLowerCase(Locale.ROOT);
        for (String visible : VISIBLE_KVKIT) {
            if (path.startsWith(visible) || path.equals(visible.substring(0, visible.length() - 1))) {
                return false;
            }
        }
        for (String hidden : HIDDEN) {
            if (path.startsWith(hidden) || path.equals(hidden.substring(0, hidden.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isHiddenClass(name)) {
            throw new ClassNotFoundException(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return isHiddenResource(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isHiddenResource(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    @Override
    @SuppressWarnings("deprecation")
    protected Package getPackage(String name) {
        return isHiddenPackage(name) ? null : super.getPackage(name);
    }

    @Override
    protected Package[] getPackages() {
        List<Package> visible = new ArrayList<>();
        for (Package p : super.getPackages()) {
            if (!isHiddenPackage(p.getName())) {
                visible.add(p);
            }
        }
        return visible.toArray(new Package[0]);
    }

    private static boolean isHiddenPackage(String packageName) {
        return packageName != null && isHiddenResource(packageName.replace('.', '/') + "/");
    }

    /** Leading slashes removed, {@code .} and {@code ..} segments resolved, trailing slash kept. */
    private static String normalize(String name) {
        String s = name.replace('\\', '/');
        boolean trailingSlash = s.endsWith("/");
        List<String> parts = new ArrayList<>();
        for (String part : s.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(part);
        }
        String joined = String.join("/", parts);
        return trailingSlash && !joined.isEmpty() ? joined + "/" : joined;
    }
}
