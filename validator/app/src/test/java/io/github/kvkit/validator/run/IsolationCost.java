package io.github.kvkit.validator.run;

import io.github.kvkit.harness.Arg;
import io.github.kvkit.harness.Call;
import io.github.kvkit.harness.wire.CallCodec;
import io.github.kvkit.harness.wire.Channel;
import io.github.kvkit.harness.wire.Decoder;
import io.github.kvkit.harness.wire.Encoder;
import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.judge.ReferenceOracle;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.sandbox.Sandboxes;
import io.github.kvkit.validator.result.ValidationReport;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What running candidates in a child JVM costs, against running them in process: not a test (no assertion,
 * not run by Surefire), a measurement for {@code docs/isolation.md}. From the repository root:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) io.github.kvkit.validator.run.IsolationCost [repeats [candidate.java]]
 * </pre>
 * <ol>
 *   <li>The command line as a grader runs it, a fresh JVM per candidate, with and without {@code --in-process},
 *       on the visible cases and on visible + hidden: wall time, median of {@code repeats} (default 3).</li>
 *   <li>The same validations repeated in one warm JVM (the first of each discarded), with the child runner's own
 *       figures: child JVM start, bytes sent and received.</li>
 *   <li>The encoding of the calls: the raw {@link io.github.kvkit.harness.wire.Channel} encoding against ND4J's {@code Nd4j.write}/{@code Nd4j.read},
 *       over every array of every shipped case's plan.</li>
 * </ol>
 */
public final class IsolationCost {

    /** The candidate graded: by default the reference solution itself (ND4J, fast), else the second argument. */
    private static String CANDIDATE = "solution/kv-attention/KVCachedMultiHeadAttention.java";

    private IsolationCost() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        if (args.length > 1) {
            CANDIDATE = args[1];
        }
        List<List<String>> sets = List.of(List.of("test-cases/kv-attention/visible"), List.of("test-cases/kv-attention/visible", "test-cases/kv-attention/hidden"));
        System.out.printf(Locale.ROOT, "%d cores, %s, candidate %s, %d repeats%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), CANDIDATE, repeats);

        System.out.println("1. Command line, fresh JVM per run (median / min wall seconds)");
        System.out.println("| cases | --in-process | child JVM (default) | cost |");
        System.out.println("| --- | --- | --- | --- |");
        for (List<String> set : sets) {
            double[] in = cli(set, true, repeats);
            double[] child = cli(set, false, repeats);
            System.out.printf(Locale.ROOT, "| %s | %.2f / %.2f | %.2f / %.2f | +%.2f s |%n", String.join(" + ", set),
                    in[0], in[1], child[0], child[1], child[0] - in[0]);
        }

        System.out.println();
        System.out.println("2. One warm JVM, validation only (median seconds of " + repeats + " after a warm-up run)");
        System.out.println("| cases | in process | child JVM | child start (ms) | sent / received |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (List<String> set : sets) {
            List<TestCase> cases = ShippedCases.loader().loadAll(set.stream().map(Path::of).toList());
            List<Double> in = new ArrayList<>();
            List<Double> child = new ArrayList<>();
            List<Long> starts = new ArrayList<>();
            long[] bytes = new long[2];
            for (int i = 0; i <= repeats; i++) {
                long t = System.nanoTime();
                check(Validation.inProcess().validate(Path.of(CANDIDATE), cases, c -> { }));
                double inSeconds = (System.nanoTime() - t) / 1e9;
                List<ChildJvmRunner> runners = new ArrayList<>();
                t = System.nanoTime();
                check(new Validation(ReferenceOracle.create(), Validation.isolating(RunLimits.DEFAULTS, Sandboxes.off(), runner -> {
                    runners.add(runner);
                    return runner;
                })).validate(Path.of(CANDIDATE), cases, c -> { }));
                double childSeconds = (System.nanoTime() - t) / 1e9;
                if (i > 0) {
                    in.add(inSeconds);
                    child.add(childSeconds);
                    starts.addAll(runners.get(0).startMillis());
                    bytes = runners.get(0).bytesMoved();
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %d | %.1f MiB / %.1f MiB |%n", String.join(" + ", set),
                    median(in), median(child), Math.round(median(starts.stream().map(Long::doubleValue).toList())),
                    bytes[0] / 1048576.0, bytes[1] / 1048576.0);
        }

        System.out.println();
        System.out.println("3. Encoding every array of every shipped case's plan (median ms of 5, after a warm-up)");
        List<TestCase> all = ShippedCases.loader().loadAll(List.of(Path.of("test-cases/kv-attention/visible"), Path.of("test-cases/kv-attention/hidden")));
        List<CasePlan> plans = all.stream().map(tc -> (CasePlan) ShippedCases.KV.plan(tc)).toList();
        List<Double> raw = new ArrayList<>();
        List<Double> nd4j = new ArrayList<>();
        long rawBytes = 0;
        long nd4jBytes = 0;
        for (int i = 0; i < 6; i++) {
            long t = System.nanoTime();
            rawBytes = 0;
            for (CasePlan plan : plans) {
                Encoder e = new Encoder();
                CallCodec.putCalls(e, plan.calls());
                rawBytes += e.size();
                CallCodec.getCalls(Decoder.of(e));
            }
            double rawMs = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            nd4jBytes = 0;
            for (CasePlan plan : plans) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes);
                int n = 0;
                for (INDArray a : arrays(plan.calls())) {
                    Nd4j.write(a, out);
                    n++;
                }
                out.flush();
                nd4jBytes += bytes.size();
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
                for (int k = 0; k < n; k++) {
                    Nd4j.read(in);
                }
            }
            double nd4jMs = (System.nanoTime() - t) / 1e6;
            if (i > 0) {
                raw.add(rawMs);
                nd4j.add(nd4jMs);
            }
        }
        System.out.println("| encoding | encode + decode | bytes | keeps 'f' order and views |");
        System.out.println("| --- | --- | --- | --- |");
        System.out.printf(Locale.ROOT, "| Wire (raw, shared arrays sent once) | %.0f ms | %.1f MiB | yes |%n", median(raw),
                rawBytes / 1048576.0);
        System.out.printf(Locale.ROOT, "| Nd4j.write / Nd4j.read, per array | %.0f ms | %.1f MiB | views arrive as copies |%n",
                median(nd4j), nd4jBytes / 1048576.0);
        System.exit(0);
    }

    private static void check(ValidationReport report) {
        if (!report.allPassed()) {
            throw new IllegalStateException(CANDIDATE + " should pass: " + report.tests());
        }
    }

    private static List<INDArray> arrays(List<Call> calls) {
        List<INDArray> out = new ArrayList<>();
        for (Call call : calls) {
            for (Arg arg : call.args()) {
                if (arg instanceof Arg.Array a) {
                    out.add(a.value());
                }
            }
        }
        return out;
    }

    /** Median and min wall seconds of the command line in a fresh JVM. */
    private static double[] cli(List<String> sets, boolean inProcess, int repeats) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.github.kvkit.validator.cli.Main", "--file", CANDIDATE,
                    "--color", "never"));
            for (String s : sets) {
                cmd.add("--tests");
                cmd.add(s);
            }
            if (inProcess) {
                cmd.add("--in-process");
            }
            long t = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(new File(devNull())).start();
            int code = p.waitFor();
            times.add((System.nanoTime() - t) / 1e9);
            if (code != 0) {
                throw new IllegalStateException(cmd + " exited with " + code);
            }
        }
        return new double[] {median(times), Collections.min(times)};
    }

    private static String devNull() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows") ? "NUL" : "/dev/null";
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
