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
import java.util.stream.Stream;

/** The files a child JVM reads besides the system and the JDK: its class path and ND4J's native libraries. */
public final class ChildFiles {

    private static volatile Path nativeCache;
    private static volatile List<Path> nativeDirs;
    private static volatile boolean unpacked;

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
     * The folders of JavaCPP's cache that hold native libraries ({@code .so}, {@code .dylib}, {@code .dll}), relative
     * to the cache; empty before ND4J was first loaded on this machine. A child that finds them on its
     * {@code java.library.path} loads them from there instead of checking each against its jar (faster), and
     * needs no writable cache: a sandboxed child cannot write the shared one.
     */
    static List<Path> nativeLibraryDirs() {
        List<Path> dirs = nativeDirs;
        if (dirs == null) {
            Path cache = nativeCache();
            try (Stream<Path> walk = Files.walk(cache)) {
                dirs = walk.filter(p -> isNativeLibrary(p.getFileName().toString()) && Files.isRegularFile(p))
                        .map(p -> cache.relativize(p.getParent())).distinct().sorted().toList();
            } catch (IOException | UncheckedIOException e) {
                dirs = List.of();
            }
            nativeDirs = dirs;
        }
        return dirs;
    }

    private static boolean isNativeLibrary(String name) {
        return name.endsWith(".dylib") || name.endsWith(".dll") || name.contains(".so");
    }

    /**
     * Unpacks ND4J's natives unless done already: a sandboxed child reads JavaCPP's cache and cannot write it, so
     * this JVM unpacks them before the first one starts (once per machine: loading ND4J here takes a few seconds)
     * when one of the native jars on the class path has no folder in the cache yet.
     */
    static void unpackNatives() {
        if (unpacked) {
            return;                 // checked once per JVM: every sandboxed child's launch asks
        }
        Path cache = nativeCache();
        String suffix = "-" + Loader.getPlatform() + ".jar";
        boolean there = classPath().stream().map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                .allMatch(n -> Files.isDirectory(cache.resolve(n)));
        if (!there) {
            Nd4j.create(1);
            nativeDirs = null;      // listed again, now that they are there
        }
        unpacked = true;
    }

    /** Everything a sandbox must let the child read, the natives unpacked: its class path and JavaCPP's cache. */
    public static List<Path> all() {
        unpackNatives();
        List<Path> files = new ArrayList<>(classPath());
        files.add(nativeCache());
        return files;
    }
}
