package io.github.kvkit.validator.run;

import io.github.kvkit.harness.child.ChildMain;
import io.github.kvkit.validator.compile.CandidateClasspath;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
     * The child's process, not yet started: {@link #of its command line}, run in {@code work/}, stderr merged into
     * stdout, and none of the variables by which the validator's environment could add JVM options or classes.
     */
    static ProcessBuilder processBuilder(RunLimits limits, WorkDir dir) {
        ProcessBuilder pb = new ProcessBuilder(of(limits, dir)).directory(dir.work().toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS",
                "CLASSPATH"));
        // ND4J's OpenMP threads spin while they wait; in two processes sharing the cores (the validator's
        // reference computes meanwhile) spinning halves the candidate's speed. Measured in docs/isolation.md.
        pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        return pb;
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
