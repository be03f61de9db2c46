package io.github.kvkit.tracks.llama.harness;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.llama.BlockConfig;
import io.github.kvkit.llama.BlockWeights;
import io.github.kvkit.llama.LlamaAttentionBlock;
import io.github.kvkit.llama.StaticKVCache;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The executor on a stand-in block that writes {@code pos + 1} at its positions of the cache and returns x + pos: the
 * plan's caches stay as planned, calls given the same cache share one copy of it, and a call from the cache "as it was
 * before call N" gets what call N found.
 */
class LlamaCallExecutorTest {

    private static final BlockConfig CONFIG = new BlockConfig(4, 2, 1, 6, 10000.0, 1e-5);

    /** Writes pos + 1 into its positions of the cache's key and value; returns x + pos. */
    public static final class Marker implements LlamaAttentionBlock {
        public Marker(BlockConfig config) {
        }

        @Override
        public void loadWeights(BlockWeights weights) {
        }

        @Override
        public INDArray forward(INDArray x, StaticKVCache cache, int pos) {
            for (long t = 0; t < x.size(1); t++) {
                for (INDArray part : new INDArray[] {cache.key(), cache.value()}) {
                    part.get(all(), all(), point(pos + t), all()).assign(pos + 1);
                }
            }
            return x.add(pos);
        }
    }

    private final INDArray key = Nd4j.zeros(DataType.DOUBLE, 1, 1, 6, 2);
    private final INDArray value = Nd4j.zeros(DataType.DOUBLE, 1, 1, 6, 2);
    private final INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 2, 4);

    private List<CallOutcome> run(LlamaCall... calls) {
        LlamaCallExecutor executor = new LlamaCallExecutor(Marker::new, Set.of());
        List<LlamaCall> all = new ArrayList<>(List.of(new LlamaCall.Construct(0, CONFIG, false),
                new LlamaCall.LoadWeights(1, new INDArray[5], false)));
        all.addAll(List.of(calls));
        executor.prepare(all.stream().map(LlamaCall::toCall).toList());
        return all.stream().map(c -> executor.execute(c.toCall())).toList();
    }

    private static Tensor cacheKey(CallOutcome outcome) {
        return LlamaResult.of((CallOutcome.Returned) outcome).cacheKey();
    }

    @Test
    void theCallsWriteIntoACopyAndThePlansCacheStaysAsPlanned() {
        List<CallOutcome> outcomes = run(new LlamaCall.Forward(2, x, new CacheSource.Arrays(key, value), 0, false));

        assertThat(cacheKey(outcomes.get(2)).get(0, 0, 1, 0)).isEqualTo(1.0);
        assertThat(key.sumNumber().doubleValue()).isZero();
        assertThat(value.sumNumber().doubleValue()).isZero();
    }

    @Test
    void callsGivenTheSameCacheShareOneCopyOfIt() {
        List<CallOutcome> outcomes = run(new LlamaCall.Forward(2, x, new CacheSource.Arrays(key, value), 0, false),
                new LlamaCall.Forward(3, x, new CacheSource.Arrays(key, value), 2, false));

        Tensor after = cacheKey(outcomes.get(3));
        assertThat(after.get(0, 0, 1, 0)).isEqualTo(1.0);
        assertThat(after.get(0, 0, 3, 0)).isEqualTo(3.0);
    }

    @Test
    void aCallFromTheCacheBeforeAnotherGetsWhatThatCallFound() {
        List<CallOutcome> outcomes = run(new LlamaCall.Forward(2, x, new CacheSource.Arrays(key, value), 0, false),
                new LlamaCall.Forward(3, x, new CacheSource.Arrays(key, value), 2, false),
                new LlamaCall.Forward(4, x, new CacheSource.Before(3), 3, false));

        Tensor replay = cacheKey(outcomes.get(4));
        assertThat(replay.get(0, 0, 1, 0)).isEqualTo(1.0);    // written by call 2, before call 3
        assertThat(replay.get(0, 0, 2, 0)).isZero();          // call 3 wrote it in its own copy only
        assertThat(replay.get(0, 0, 4, 0)).isEqualTo(4.0);    // the replay's own write
        assertThat(cacheKey(outcomes.get(3)).get(0, 0, 4, 0)).isZero();
    }

    @Test
    void theOutputOfTheCallBeforeIsDigestedAgainAfterTheNext() {
        List<CallOutcome> outcomes = run(new LlamaCall.Forward(2, x, new CacheSource.Arrays(key, value), 0, false),
                new LlamaCall.Forward(3, x, new CacheSource.Arrays(key, value), 2, false));

        LlamaResult first = LlamaResult.of((CallOutcome.Returned) outcomes.get(2));
        LlamaResult second = LlamaResult.of((CallOutcome.Returned) outcomes.get(3));
        assertThat(second.laterDigest()).containsExactly(2, first.outputDigest());
    }
}
