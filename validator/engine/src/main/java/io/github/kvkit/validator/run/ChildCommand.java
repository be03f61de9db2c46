package io.github.kvkit.validator.run;

import io.github.kvkit.harness.child.ChildMain;
import io.github.kvkit.validator.compile.CandidateClasspath;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How a child JVM is started: its command line, working directory and environment. */
final class ChildCommand {

    private ChildCommand() {
    }

    /**
     * The child's command line. The candidate's directory comes last, so its classes can shadow neither ND4J
     * nor the contract nor the harness.
     */
    static List<String> of(RunLimits limits, WorkDir dir) {
        List<String> cp = new ArrayList<>();
        for (Path entry : CandidateClasspath.current().childEntries()) {
            cp.add(entry.toString());
        }
        cp.add(dir.classes().toString());
        String java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xmx" + RunLimits.formatSize(limits.heapBytes()).replace("b", ""));
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:-UsePerfData");
        cmd.add("-XX:ErrorFile=" + dir.work().resolve("hs_err_pid%p.log"));
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dorg.bytedeco.javacpp.maxbytes=" + limits.offHeapBytes());
        cmd.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + limits.maxPhysicalBytes());
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, cp));
        cmd.add(ChildMain.class.getName());
        return cmd;
    }

    /**
     * The variables of the validator's environment the child keeps: the locale, the time zone, where temporary
     * files go, what Windows needs to start a JVM, and the thread settings of ND4J's native code. Nothing else: a
     * grader's environment holds CI secrets and tokens, and a candidate can print what it sees into a log students
     * read. Variables that add JVM options or classes ({@code JAVA_TOOL_OPTIONS}, {@code CLASSPATH}) are not kept.
     */
    static final Set<String> KEPT_VARIABLES = Set.of("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR",
            "TEMP", "TMP", "SystemRoot", "SYSTEMROOT", "windir", "OMP_NUM_THREADS", "OMP_WAIT_POLICY",
            "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS");

    /**
     * The child's process, not yet started: {@link #of its command line}, run in {@code work/}, stderr merged into
     * stdout, with only {@link #KEPT_VARIABLES} of the validator's environment and {@code HOME} set to its own
     * working directory.
     */
    static ProcessBuilder processBuilder(RunLimits limits, WorkDir dir) {
        ProcessBuilder pb = new ProcessBuilder(of(limits, dir)).directory(dir.work().toFile()).redirectErrorStream(true);
        pb.environment().keySet().retainAll(KEPT_VARIABLES);
        pb.environment().put("HOME", dir.work().toString());
        // ND4J's OpenMP threads spin while they wait; in two processes sharing the cores (the validator's
        // reference computes meanwhile) spinning halves the candidate's speed. Measured in docs/isolation.md.
        pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        return pb;
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
