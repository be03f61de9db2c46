package io.github.kvkit.example.softmax.harness;

import io.github.kvkit.example.softmax.api.StableSoftmax;
import io.github.kvkit.harness.Call;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Contract;
import io.github.kvkit.harness.Digest;
import io.github.kvkit.harness.Instantiation;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.harness.TrackHarness;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The example track in the candidate's JVM. Calls: {@code construct()}, then {@code softmax(x)}; a softmax call
 * returns {@code output} and the digest of {@code x} after the call ({@code input.digest}).
 */
public final class SoftmaxHarness implements TrackHarness {

    static final Contract CONTRACT = new Contract(StableSoftmax.class, List.of(), List.of(), List.of());

    @Override
    public Contract contract() {
        return CONTRACT;
    }

    @Override
    public CaseExecutor newCase(Class<?> candidate, Set<String> candidateClasses) {
        return new CaseExecutor() {
            private StableSoftmax instance;
            private Throwable lastThrown;
            private long lastCallNanos = -1;

            @Override
            public void prepare(List<Call> calls) {
            }

            @Override
            public CallOutcome execute(Call call) {
                lastThrown = null;
                lastCallNanos = -1;
                try {
                    if (call.method().equals("construct")) {
                        instance = (StableSoftmax) Instantiation.construct(candidate.getConstructor());
                        return new CallOutcome.Completed();
                    }
                    INDArray x = call.arrayArg(0);
                    long start = System.nanoTime();
                    INDArray y = instance.softmax(x);
                    lastCallNanos = System.nanoTime() - start;
                    if (y == null) {
                        return new CallOutcome.Unusable("softmax returned null");
                    }
                    return new CallOutcome.Returned(Map.of("output", Tensor.of(y)),
                            Map.of("input.digest", new long[] {Digest.of(x)}));
                } catch (Throwable t) {
                    lastThrown = t;
                    return new CallOutcome.Threw(t.getClass().getName(), String.valueOf(t.getMessage()), "",
                            t instanceof IllegalArgumentException);
                }
            }

            @Override
            public long lastCallNanos() {
                return lastCallNanos;
            }

            @Override
            public Throwable lastThrown() {
                return lastThrown;
            }
        };
    }
}
