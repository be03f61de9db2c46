package io.github.kvkit.validator.run;

import io.github.kvkit.harness.child.ChildMain;
import io.github.kvkit.validator.sandbox.ChildSpec;
import io.github.kvkit.validator.sandbox.Confined;
import io.github.kvkit.validator.sandbox.Sandbox;
import io.github.kvkit.validator.sandbox.Unconfined;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a child JVM is started: its command line, working directory and environment, confined by a {@link Sandbox}.
 */
final class ChildCommand {

    private ChildCommand() {
    }

    /**
     * The child's command line, with the paths its sandbox shows it. The candidate's directory comes last on the
     * class path, so its classes can shadow neither ND4J nor the contract nor the harness.
     */
    static List<String> of(RunLimits limits, WorkDir dir, Sandbox sandbox) {
        List<String> cp = new ArrayList<>();
        for (Path entry : readableClassPath(sandbox)) {
            cp.add(entry.toString());
        }
        cp.add(dir.classes().toString());
        String java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(runtimeOptions(limits));
        cmd.add("-XX:ErrorFile=" + dir.work().resolve("hs_err_pid%p.log"));
        cmd.add("-Djava.awt.headless=true");
        // ND4J's natives: loaded from where the validator unpacked them (java.library.path, paths first); a
        // sandboxed child cannot write that cache, so what little JavaCPP still writes (links, one copy) goes into
        // a cache of its own in its work folder
        Path cache = sandbox.readable(ChildFiles.nativeCache());
        List<String> libraryPath = new ArrayList<>();
        for (Path natives : ChildFiles.nativeLibraryDirs()) {
            libraryPath.add(cache.resolve(natives).toString());
        }
        libraryPath.add(System.getProperty("java.library.path", ""));
        cmd.add("-Djava.library.path=" + String.join(File.pathSeparator, libraryPath));
        cmd.add("-Dorg.bytedeco.javacpp.pathsFirst=true");
        cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + (sandbox instanceof Unconfined ? cache
                : dir.work().resolve("javacpp-cache")));
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, cp));
        cmd.add(ChildMain.class.getName());
        return cmd;
    }

    /**
     * The options that decide how code runs in the child, apart from where things are: heap and young generation,
     * GC, JIT, the exit on a full heap, and JavaCPP's limits on native memory ({@link ChildJvmOptions} shows them
     * to benchmarks).
     */
    static List<String> runtimeOptions(RunLimits limits) {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + RunLimits.formatSize(limits.heapBytes()).replace("b", ""));
        options.add("-XX:+ExitOnOutOfMemoryError");
        options.add("-XX:+UseSerialGC");
        options.add("-Xmn" + youngBytes(limits.heapBytes()) / RunLimits.KIB + "k");
        options.add("-XX:-UsePerfData");
        options.addAll(C2_LATER);
        options.add("-Dorg.bytedeco.javacpp.maxbytes=" + limits.offHeapBytes());
        options.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + limits.maxPhysicalBytes());
        return options;
    }

    /** The young generation's size: {@link #YOUNG_BYTES}, or a quarter of a heap smaller than four times that. */
    static long youngBytes(long heapBytes) {
        return Math.max(RunLimits.MIB, Math.min(YOUNG_BYTES, heapBytes / 4 / RunLimits.KIB * RunLimits.KIB));
    }

    /**
     * 16 MB of young generation, where the JVM would choose a third of the heap: ND4J frees an array's native
     * memory only once the GC has collected its Java object, and attention code allocates megabytes of native
     * memory per call but little heap, so a young generation of hundreds of MB let gigabytes of freed-to-be
     * arrays pile up between collections. Every call then page-faulted fresh memory (about 1,300 faults per
     * decode step at 1024 positions), and once the process passed JavaCPP's {@code maxphysicalbytes}, JavaCPP
     * called {@code System.gc()} and slept 100 ms. Collected every few dozen calls, the memory is reused: the
     * reference's decode step at 1024 positions costs half the CPU and no longer stalls. Measured in
     * docs/performance.md ("Native memory and the GC").
     */
    static final long YOUNG_BYTES = 16 * RunLimits.MIB;

    /**
     * C2 compiles a method after ten times the calls and loop turns it waits for by default. A child lives for
     * seconds: by default C2 spent about 2 s of its CPU on ND4J's glue code, called a few thousand times per case,
     * which it then barely ran; code that is really hot (a candidate's plain loops) still reaches C2 within
     * milliseconds, and runs as fast as before. Measured in docs/performance.md ("The child's JIT").
     */
    static final List<String> C2_LATER = List.of("-XX:Tier4InvocationThreshold=50000",
            "-XX:Tier4MinInvocationThreshold=6000", "-XX:Tier4CompileThreshold=150000",
            "-XX:Tier4BackEdgeThreshold=400000");

    /**
     * The variables of the validator's environment the child keeps: the locale, the time zone, what Windows needs
     * to start a JVM, and the thread settings of ND4J's native code. Nothing else: a grader's environment holds CI
     * secrets and tokens, and a candidate can print what it sees into a log students read. Variables that add JVM
     * options or classes ({@code JAVA_TOOL_OPTIONS}, {@code CLASSPATH}) are not kept.
     */
    static final Set<String> KEPT_VARIABLES = Set.of("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ",
            "SystemRoot", "SYSTEMROOT", "windir", "OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_NUM_THREADS",
            "MKL_NUM_THREADS");

    /**
     * The child's environment: {@link #KEPT_VARIABLES} of the validator's, {@code HOME} and the temporary folder
     * set to its own working directory.
     */
    static Map<String, String> environment(WorkDir dir) {
        Map<String, String> env = new TreeMap<>(System.getenv());
        env.keySet().retainAll(KEPT_VARIABLES);
        String work = dir.work().toString();
        env.put("HOME", work);
        env.put(isWindows() ? "TEMP" : "TMPDIR", work);
        if (isWindows()) {
            env.put("TMP", work);
        }
        // ND4J's OpenMP threads spin while they wait; in two processes sharing the cores (the validator's
        // reference computes meanwhile) spinning halves the candidate's speed. Measured in docs/isolation.md.
        env.putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        return env;
    }

    /** The child in {@code dir}, connecting to {@code socket}, ready to start in {@code sandbox}. */
    static Confined confine(RunLimits limits, WorkDir dir, Sandbox sandbox, Path socket) {
        if (!(sandbox instanceof Unconfined)) {
            ChildFiles.unpackNatives();
        }
        List<Path> readOnly = new ArrayList<>(readableClassPath(sandbox));
        readOnly.add(sandbox.readable(ChildFiles.nativeCache()));
        return sandbox.confine(new ChildSpec(of(limits, dir, sandbox), environment(dir), dir.root(), dir.work(),
                dir.classes(), socket, readOnly));
    }

    /** The child's class path as its sandbox shows it (a setpriv child reads staged copies). */
    private static List<Path> readableClassPath(Sandbox sandbox) {
        return ChildFiles.classPath().stream().map(sandbox::readable).toList();
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
