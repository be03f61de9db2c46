package io.github.kvkit.validator.run;

import io.github.kvkit.validator.compile.CandidateClasspath;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files a child JVM reads besides the system and the JDK: its class path and ND4J's native libraries. */
public final class ChildFiles {

    private static volatile Path nativeCache;

    private ChildFiles() {
    }

    /** The child's class path, but the candidate's own directory ({@link CandidateClasspath#childEntries()}). */
    static List<Path> classPath() {
        return CandidateClasspath.current().childEntries();
    }

    /** JavaCPP's cache, where ND4J's native libraries are unpacked on first use. */
    static Path nativeCache() {
        Path dir = nativeCache;
        if (dir == null) {
            try {
                dir = Loader.getCacheDir().toPath().toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find JavaCPP's cache of native libraries: " + e.getMessage(), e);
            }
            nativeCache = dir;
        }
        return dir;
    }

    /**
     * Everything a sandbox must let the child read, with ND4J's natives unpacked: a sandboxed child reads the
     * cache and cannot write it, so this JVM unpacks them first (once per machine: loading ND4J here takes a few
     * seconds) when one of the native jars on the class path has no folder in the cache yet.
     */
    public static List<Path> forSandbox() {
        Path cache = nativeCache();
        String suffix = "-" + Loader.getPlatform() + ".jar";
        boolean unpacked = classPath().stream().map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                .allMatch(n -> Files.isDirectory(cache.resolve(n)));
        if (!unpacked) {
            Nd4j.create(1);
        }
        List<Path> files = new ArrayList<>(classPath());
        files.add(cache);
        return files;
    }
}
