package io.github.kvkit.tracks.llama.plan;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * Consecutive forward steps on one preallocated cache: the first starts it ({@code "cache": "new"}) at position
 * {@code start}, each later one continues at the next position.
 *
 * @param id          its number in the case, from 0
 * @param name        the name of its first step
 * @param initialKey  the cache's key before the first step: earlier tokens' keys below {@code start}, stale values
 *                    from there on. The plan never changes it: the harness gives the calls a copy.
 * @param steps       the indices of its {@link LlamaRole.Kind#STEP} calls, in order
 * @param prefill     the index of its {@link LlamaRole.Kind#PREFILL} call, or -1
 * @param oneByOne    the indices of its {@link LlamaRole.Kind#ONE_BY_ONE} calls, in order: its first tokens, as far as
 *                    its last call of several tokens (empty when it has none)
 */
public record Sequence(int id, String name, int start, INDArray initialKey, INDArray initialValue, List<Integer> steps,
                       int prefill, List<Integer> oneByOne) {

    public Sequence {
        steps = List.copyOf(steps);
        oneByOne = List.copyOf(oneByOne);
    }
}
