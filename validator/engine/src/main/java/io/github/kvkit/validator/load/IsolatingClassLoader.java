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
 * The parent of every {@link CandidateClassLoader}: it delegates to the validator's class loader but shows a
 * candidate only what its child JVM would have: the classes and resources of the
 * {@linkplain CandidateClasspath candidate's class path} (the contract modules and the libraries fixed when the
 * kit was built) and the JDK's. Of kvkit's own names it shows only the packages of
 * {@link CandidateVisibility#candidateApi()}, whatever their location.
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
 * This is visibility by name and by location, not a security boundary: code running in the same JVM can still reach
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

    /** Resource-path prefix (lower case) of kvkit, hidden but for {@link #VISIBLE_KVKIT}. */
    private static final String KVKIT = "io/github/kvkit/";

    /** Wraps {@code parent}, the loader that defines the contract, ND4J and the rest. */
    public IsolatingClassLoader(ClassLoader parent) {
        super("kvkit-isolating", parent);
    }

    /** Whether a class of this binary name is hidden from candidates (as the validator's loader would find it). */
    public static boolean isHiddenClass(String binaryName) {
        return binaryName != null && isHiddenResource(binaryName.replace('.', '/') + ".class");
    }

    /**
     * Whether a resource of this name is hidden from candidates: a kvkit name outside the visible packages, or a
     * name that the validator's loader finds only outside the candidate's class path and the JDK. Names are compared
     * after removing leading slashes and resolving {@code .}/{@code ..} segments; kvkit's are compared ignoring case
     * (case-insensitive file systems would otherwise serve {@code IO/GitHub/...}).
     */
    public static boolean isHiddenResource(String name) {
        return isHidden(name, IsolatingClassLoader.class.getClassLoader());
    }

    private static boolean isHidden(String name, ClassLoader lookup) {
        if (name == null) {
            return false;
        }
        String path = normalize(name);
        Boolean kvkit = kvkitRule(path.toLowerCase(Locale.ROOT));
        if (kvkit != null) {
            return kvkit;
        }
        List<URL> found = find(lookup, path);
        return !found.isEmpty() && visible(found).isEmpty();
    }

    /** True if hidden, false if visible by name, null if not a kvkit name. */
    private static Boolean kvkitRule(String lowerPath) {
        for (String visible : VISIBLE_KVKIT) {
            if (lowerPath.startsWith(visible) || lowerPath.equals(visible.substring(0, visible.length() - 1))) {
                return false;
            }
        }
        if (lowerPath.startsWith(KVKIT) || lowerPath.equals(KVKIT.substring(0, KVKIT.length() - 1))) {
            return true;
        }
        return null;
    }

    private static List<URL> find(ClassLoader lookup, String path) {
        try {
            return Collections.list(lookup == null ? ClassLoader.getSystemResources(path) : lookup.getResources(path));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<URL> visible(List<URL> urls) {
        CandidateClasspath cp = CandidateClasspath.current();
        List<URL> out = new ArrayList<>();
        for (URL url : urls) {
            if (cp.serves(url)) {
                out.add(url);
            }
        }
        return out;
    }

    /** Whether a class the parent defined comes from the candidate's class path or the JDK. */
    private static boolean servedToCandidates(Class<?> c) {
        java.security.CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return true;
        }
        URL location = cs.getLocation();
        return CandidateClasspath.current().serves(location);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isHidden(name.replace('.', '/') + ".class", getParent())) {
            throw new ClassNotFoundException(name);
        }
        Class<?> c = super.loadClass(name, resolve);
        if (kvkitRule(name.replace('.', '/').toLowerCase(Locale.ROOT)) == null && !servedToCandidates(c)) {
            throw new ClassNotFoundException(name);
        }
        return c;
    }

    @Override
    public URL getResource(String name) {
        if (name == null) {
            return null;
        }
        String path = normalize(name);
        Boolean kvkit = kvkitRule(path.toLowerCase(Locale.ROOT));
        if (kvkit != null) {
            return kvkit ? null : super.getResource(name);
        }
        List<URL> visible = visible(find(getParent(), path));
        return visible.isEmpty() ? null : visible.get(0);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name == null) {
            return Collections.emptyEnumeration();
        }
        String path = normalize(name);
        Boolean kvkit = kvkitRule(path.toLowerCase(Locale.ROOT));
        if (kvkit != null) {
            return kvkit ? Collections.emptyEnumeration() : super.getResources(name);
        }
        return Collections.enumeration(visible(find(getParent(), path)));
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
        return packageName != null && isHidden(packageName.replace('.', '/') + "/", IsolatingClassLoader.class.getClassLoader());
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
