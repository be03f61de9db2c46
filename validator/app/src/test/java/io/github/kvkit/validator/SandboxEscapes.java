package io.github.kvkit.validator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Hostile candidates that try to get out of their sandbox: each is the correct loop implementation
 * ({@code candidates/valid/LoopAttention.java}) with one attempt added at the start of {@code forward}, made once
 * per JVM. An attempt prints {@code ESCAPE succeeded: ...} when it gets through and {@code ESCAPE blocked: ...}
 * when it does not; {@code %TARGET%} in it is what the test aims it at (a path, a port). The one escape that
 * needs a candidate of its own, handing every call to the reference, is {@code candidates/escapes/}.
 */
public final class SandboxEscapes {

    private static final Path LOOP_ATTENTION = Path.of("validator/app/src/test/resources/candidates/valid/LoopAttention.java");
    private static final String FORWARD = "public AttentionResult forward(INDArray query, INDArray key, INDArray value, "
            + "KVCache cache, boolean useCausalMask) {";

    /** The validator's working directory as a candidate finds it: through its parent process. */
    private static final String PARENT_CWD = "java.nio.file.Path.of(\"/proc/\" + ProcessHandle.current().parent()"
            + ".map(ProcessHandle::pid).orElse(0L) + \"/cwd\")";

    /** Escape name -> the statements of the attempt. */
    private static final Map<String, String> ATTEMPTS = Map.of(
            // read the hidden cases: at the path the kit puts them, and through the validator's directory
            "ReadsHiddenCases", """
                    for (java.nio.file.Path dir : java.util.List.of(java.nio.file.Path.of("%TARGET%"),
                            PARENT_CWD.resolve("test-cases/kv-attention/hidden"))) {
                        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
                            for (java.nio.file.Path f : files.toList()) {
                                System.out.println("ESCAPE succeeded: " + f + ": " + java.nio.file.Files.readString(f));
                            }
                        } catch (java.io.IOException e) {
                            System.out.println("ESCAPE blocked: " + dir + ": " + e);
                        }
                    }
                    """,
            // start a process in a session of its own that writes a marker after the validator is done
            "StartsDetachedProcess", """
                    Process p = new ProcessBuilder("setsid", "sh", "-c", "sleep 3; echo survived > \\"$0\\"", "%TARGET%")
                            .start();
                    System.out.println("ESCAPE started: a detached process " + p.pid());
                    """,
            // delete a file of the project and add one: in the folder the test names, and the validator's own;
            // it says where it wrote (in a sandbox, its parent's folder is its own work folder)
            "ChangesProjectFiles", """
                    for (java.nio.file.Path dir : java.util.List.of(java.nio.file.Path.of("%TARGET%"), PARENT_CWD)) {
                        try {
                            java.nio.file.Files.writeString(dir.resolve("kvkit-escape-added.txt"), "escaped");
                            System.out.println("WROTE into " + dir.toRealPath());
                        } catch (java.io.IOException e) {
                            System.out.println("ESCAPE blocked: " + dir + ": " + e);
                        }
                        try {
                            java.nio.file.Files.delete(dir.resolve("canary.txt"));
                            System.out.println("DELETED canary.txt in " + dir.toRealPath());
                        } catch (java.io.IOException e) {
                            System.out.println("ESCAPE blocked: " + dir + "/canary.txt: " + e);
                        }
                    }
                    """,
            // connect to a server on the grader's loopback
            "ConnectsToLocalhost", """
                    try (java.net.Socket s = new java.net.Socket()) {
                        s.connect(new java.net.InetSocketAddress("127.0.0.1", %TARGET%), 2000);
                        System.out.println("ESCAPE succeeded: connected to 127.0.0.1:%TARGET%");
                    } catch (java.io.IOException e) {
                        System.out.println("ESCAPE blocked: 127.0.0.1:%TARGET%: " + e);
                    }
                    """,
            // list every process it can see, with its command line
            "ListsProcesses", """
                    try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                        for (java.nio.file.Path p : all.filter(d -> d.getFileName().toString().chars()
                                .allMatch(Character::isDigit)).sorted().toList()) {
                            String cmd;
                            try {
                                cmd = new String(java.nio.file.Files.readAllBytes(p.resolve("cmdline"))).replace('\\0', ' ');
                            } catch (java.io.IOException e) {
                                cmd = "?";
                            }
                            System.out.println("PROCESS " + p.getFileName() + " " + cmd);
                        }
                    }
                    """);

    private SandboxEscapes() {
    }

    /** Writes the escape {@code name}, aimed at {@code target}, as {@code dir/name.java}. */
    public static Path write(String name, String target, Path dir) throws IOException {
        String attempt = ATTEMPTS.get(name);
        if (attempt == null) {
            throw new IllegalArgumentException("no escape " + name);
        }
        String source = Files.readString(LOOP_ATTENTION).replace("class LoopAttention", "class " + name)
                .replace("public LoopAttention(", "public " + name + "(");
        if (!source.contains(FORWARD)) {
            throw new IllegalStateException("LoopAttention.java has no line " + FORWARD);
        }
        String method = """

                    private static boolean tried;

                    /** The escape, once per JVM. */
                    private static void escapeOnce() {
                        if (tried) {
                            return;
                        }
                        tried = true;
                        try {
                %s        } catch (Throwable t) {
                            System.out.println("ESCAPE blocked: " + t);
                        }
                    }
                }
                """.formatted(attempt.replace("PARENT_CWD", PARENT_CWD).replace("%TARGET%", target).indent(12));
        source = source.replace(FORWARD, FORWARD + "\n        escapeOnce();");
        source = source.substring(0, source.lastIndexOf('}')) + method;
        return Files.writeString(dir.resolve(name + ".java"), source);
    }

    /** The reference-stealing candidate, looking for the reference at {@code locations}, as {@code dir/...java}. */
    public static Path usesInstalledReference(Iterable<String> locations, Path dir) throws IOException {
        String source = Files.readString(Path.of("validator/app/src/test/resources/candidates/escapes/UsesInstalledReference.java"))
                .replace("\"%LOCATIONS%\"", "\"" + String.join("\", \"", locations) + "\"");
        return Files.writeString(dir.resolve("UsesInstalledReference.java"), source);
    }
}
