package io.github.kvkit.example.softmax;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kvkit.data.SeededArrays;
import io.github.kvkit.example.softmax.harness.SoftmaxHarness;
import io.github.kvkit.harness.Arg;
import io.github.kvkit.harness.Call;
import io.github.kvkit.harness.Digest;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.harness.TrackHarness;
import io.github.kvkit.validator.bench.Benchmark;
import io.github.kvkit.validator.cases.CaseBody;
import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseReader;
import io.github.kvkit.validator.cases.Dtype;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.judge.ArgumentsUnchanged;
import io.github.kvkit.validator.judge.Judge;
import io.github.kvkit.validator.judge.RejectsBadInput;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.run.RunRecord;
import io.github.kvkit.validator.track.Track;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A deliberately small track that proves a track needs no engine edit: a numerically stable softmax. Its files
 * are this class, its harness, its contract, its checks, its schema and two {@code META-INF/services} lines, all
 * in the test tree. A case's body is {@code "inputs": [{"rows": 2, "cols": 5, "scale": 1000}]}, plus optional
 * {@code "refuse": [[rows, cols], ...]} shapes of inputs that must be refused (anything not rank 2).
 */
public final class SoftmaxTrack implements Track {

    /** One input: a {@code [rows, cols]} array uniform in {@code ±scale}. */
    record Input(int rows, int cols, double scale) {
    }

    record Body(List<Input> inputs, List<long[]> refuse) implements CaseBody {
        @Override
        public boolean frozen() {
            return false;
        }

        @Override
        public String summary() {
            return inputs.size() + " inputs";
        }
    }

    /** The calls: construct, one softmax per input, then the inputs to refuse. */
    record Plan(TestCase testCase, List<Call> calls, List<INDArray> inputs, long[] digests) implements CasePlan {
        @Override
        public String describe(int call) {
            return call == 0 ? "the constructor" : calls.get(call).mustReject() ? "step refuse" + call + " (not rank 2)"
                    : "softmax of input " + call;
        }

        @Override
        public String label(int call) {
            return call == 0 ? "construct" : "input " + call;
        }

        @Override
        public boolean computes(int call) {
            return call > 0;
        }

        @Override
        public String argumentName(int call, int arg) {
            return "the input array";
        }
    }

    private final SoftmaxHarness harness = new SoftmaxHarness();

    @Override
    public String id() {
        return "softmax-example";
    }

    @Override
    public TrackHarness harness() {
        return harness;
    }

    @Override
    public String schemaResource() {
        return "/io/github/kvkit/example/softmax/schema.json";
    }

    @Override
    public Tolerance defaultTolerance(Dtype dtype) {
        return dtype == Dtype.FLOAT32 ? new Tolerance(1e-6, 1e-4, 1e-4) : new Tolerance(1e-12, 1e-10, 1e-10);
    }

    @Override
    public CaseBody parseBody(JsonNode root, Dtype dtype, CaseReader reader) throws CaseFileException {
        List<Input> inputs = new ArrayList<>();
        for (JsonNode n : root.get("inputs")) {
            inputs.add(new Input(n.get("rows").asInt(), n.get("cols").asInt(), n.path("scale").asDouble(1)));
        }
        List<long[]> refuse = new ArrayList<>();
        for (JsonNode n : root.path("refuse")) {
            refuse.add(reader.shape(n));
        }
        return new Body(inputs, refuse);
    }

    @Override
    public Plan plan(TestCase tc) {
        Body body = (Body) tc.body();
        List<Call> calls = new ArrayList<>();
        List<INDArray> inputs = new ArrayList<>();
        calls.add(new Call(0, "construct", List.of(), false));
        for (Input in : body.inputs()) {
            INDArray x = SeededArrays.uniform(tc.seed(), "x" + calls.size(), tc.dtype().nd4j(), in.scale(), in.rows(), in.cols());
            inputs.add(x);
            calls.add(new Call(calls.size(), "softmax", List.of(new Arg.Array(x)), false));
        }
        for (long[] shape : body.refuse()) {
            INDArray x = SeededArrays.uniform(tc.seed(), "bad" + calls.size(), tc.dtype().nd4j(), 1, shape);
            calls.add(new Call(calls.size(), "softmax", List.of(new Arg.Array(x)), true));
        }
        long[] digests = inputs.stream().mapToLong(Digest::of).toArray();
        return new Plan(tc, calls, inputs, digests);
    }

    /** The seam's optional part: a benchmark ({@code kvkit bench}). */
    @Override
    public Optional<Benchmark> benchmark() {
        return Optional.of(new SoftmaxBenchmark(this));
    }

    @Override
    public boolean hasReference() {
        return true;
    }

    /** The reference: exp(x - max) / sum, in double. */
    @Override
    public List<Tensor> expected(CasePlan plan) {
        List<Tensor> out = new ArrayList<>();
        for (INDArray x : ((Plan) plan).inputs()) {
            Tensor t = Tensor.of(x);
            long rows = t.shape()[0];
            long cols = t.shape()[1];
            double[] y = new double[t.values().length];
            for (int r = 0; r < rows; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, t.values()[(int) (r * cols + c)]);
                }
                double sum = 0;
                for (int c = 0; c < cols; c++) {
                    sum += Math.exp(t.values()[(int) (r * cols + c)] - max);
                }
                for (int c = 0; c < cols; c++) {
                    y[(int) (r * cols + c)] = Math.exp(t.values()[(int) (r * cols + c)] - max) / sum;
                }
            }
            out.add(new Tensor(t.shape(), "DOUBLE", y));
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CaseResult judge(CasePlan plan, RunRecord run, Object expected) {
        SoftmaxRun r = new SoftmaxRun((Plan) plan, run, (List<Tensor>) expected);
        return Judge.judge(r, List.of(new SoftmaxChecks.Finite(), new SoftmaxChecks.RowsSumToOne(),
                new SoftmaxChecks.MatchesReference(), new ArgumentsUnchanged(), new RejectsBadInput()), r.noEvidence());
    }
}
