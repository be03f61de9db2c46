package io.github.kvkit.tracks.kv.harness;

import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.KVCache;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KvCallExecutorTest {

    /** A candidate whose results are draws from ND4J's random generator, as dropout left on would be. */
    private static final KvCallExecutor.Factory RANDOM = (dModel, numHeads, maxCacheLen) -> new io.github.kvkit.api.CachedAttention() {
        @Override
        public void loadWeights(io.github.kvkit.api.AttentionWeights weights) {
        }

        @Override
        public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean causal) {
            long b = query.size(0);
            long t = query.size(1);
            return new AttentionResult(Nd4j.rand(DataType.DOUBLE, b, t, 4),
                    new KVCache(Nd4j.rand(DataType.DOUBLE, b, t, 4), Nd4j.rand(DataType.DOUBLE, b, t, 4)),
                    Nd4j.rand(DataType.DOUBLE, b, 2, t, t));
        }
    };

    private static List<KvCall> calls() {
        INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 3, 4);
        return List.of(new KvCall.Construct(0, 4, 2, 8, false),
                new KvCall.Forward(1, x, x, x, false, false, -1, null, null, true, true, false));
    }

    private static Tensor outputOfOneCase() {
        KvCallExecutor executor = new KvCallExecutor(RANDOM, Set.of());
        List<KvCall> calls = calls();
        executor.prepareTyped(calls);
        executor.execute(calls.get(0));
        return KvResult.of((CallOutcome.Returned) executor.execute(calls.get(1))).output();
    }

    @Test
    void aCandidateDrawingFromNd4jsGeneratorGetsTheSameNumbersInEveryCase() {
        Tensor first = outputOfOneCase();
        Nd4j.getRandom().setSeed(42);   // whatever ran in this JVM in between must not matter
        Nd4j.rand(DataType.DOUBLE, 7);

        Tensor second = outputOfOneCase();

        assertThat(second).isEqualTo(first);
    }
}
