package io.github.kvkit.validator.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Defines the classes compiled from one candidate file, from their bytes in memory.
 *
 * <p>Child first for its own classes and their {@code .class} resources: a candidate class named like a
 * class the parent knows (even {@code io.github.kvkit.attention.KVCachedMultiHeadAttention}) is always the
 * candidate's own. Every other name goes to the parent, normally an {@link IsolatingClassLoader}.
 * One instance per candidate load; it is never reused.
 */
public final class CandidateClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String URL_PROTOCOL = "kvkit-candidate";

    private final Map<String, byte[]> classes;
    private final ProtectionDomain domain;
    private final URLStreamHandler handler = new BytesHandler();

    /**
     * @param classes        binary name ({@code a.b.Outer$Inner}) to class-file bytes; copied
     * @param parent         where every other class comes from
     * @param sourceLocation the candidate's source file, reported as the classes' code source; may be null
     */
    public CandidateClassLoader(Map<String, byte[]> classes, ClassLoader parent, URL sourceLocation) {
        super("kvkit-candidate", parent);
        this.classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
        this.domain = new ProtectionDomain(new CodeSource(sourceLocation, (Certificate[]) null), null, this, null);
    }

    /** The binary names this loader defines itself, in compilation order. */
    public Set<String> classNames() {
        return classes.keySet();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!classes.containsKey(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>();
        URL own = findResource(name);
        if (own != null) {
            all.add(own);
        }
        ClassLoader parent = getParent();
        Enumeration<URL> inherited = parent != null ? parent.getResources(name) : getSystemResources(name);
        while (inherited.hasMoreElements()) {
            all.add(inherited.nextElement());
        }
        return Collections.enumeration(all);
    }

    @Override
    protected URL findResource(String name) {
        if (name == null || !name.endsWith(".class")) {
            return null;
        }
        String binaryName = name.substring(0, name.length() - ".class".length()).replace('/', '.');
        if (!classes.containsKey(binaryName)) {
            return null;
        }
        try {
            return new URL(URL_PROTOCOL, null, -1, "/" + name, handler);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL own = findResource(name);
        return own == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(own));
    }

    @Override
    public String toString() {
        return "CandidateClassLoader" + classes.keySet();
    }

    /** Serves {@code kvkit-candidate:/a/b/C.class} from the byte map. */
    private final class BytesHandler extends URLStreamHandler {
        @Override
        protected URLConnection openConnection(URL url) throws IOException {
            String path = url.getPath().startsWith("/") ? url.getPath().substring(1) : url.getPath();
            String binaryName = path.endsWith(".class")
                    ? path.substring(0, path.length() - ".class".length()).replace('/', '.') : path;
            byte[] bytes = classes.get(binaryName);
            if (bytes == null) {
                throw new IOException("no such candidate class file: " + url);
            }
            return new URLConnection(url) {
                @Override
                public void connect() {
                    connected = true;
                }

                @Override
                public InputStream getInputStream() {
                    return new ByteArrayInputStream(bytes);
                }

                @Override
                public long getContentLengthLong() {
                    return bytes.length;
                }
            };
        }
    }
}
