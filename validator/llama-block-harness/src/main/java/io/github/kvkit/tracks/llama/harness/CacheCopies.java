package io.github.kvkit.tracks.llama.harness;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The caches a case's calls write into. Each cache array the plan passes is replaced by a copy of its own, made once
 * per case, so calls that share an array share its copy, and the plan's arrays stay as planned: in the validator's
 * JVM ({@code --in-process}) and for the reference they are the very objects the plan holds. Copies of a cache as it
 * was before a call ({@link CacheSource.Before}) are taken just before that call.
 */
final class CacheCopies {

    private final Map<INDArray, INDArray> working = new IdentityHashMap<>();
    private final Set<Integer> snapshotBefore = new HashSet<>();
    private final Map<Integer, INDArray[]> snapshots = new HashMap<>();
    private final Map<Integer, Integer> lastUse = new HashMap<>();

    /** Learns which calls share a cache and which calls' caches are copied for later ones. */
    void prepare(List<LlamaCall> calls) {
        for (LlamaCall call : calls) {
            if (call instanceof LlamaCall.Forward f && f.cache() instanceof CacheSource.Before b) {
                snapshotBefore.add(b.call());
                lastUse.merge(b.call(), f.index(), Math::max);
            }
        }
    }

    /** The key and value call {@code f} is given (either may be null), or null for no cache at all. */
    INDArray[] resolve(LlamaCall.Forward f) {
        if (f.cache() instanceof CacheSource.Arrays a) {
            return new INDArray[] {working(a.key()), working(a.value())};
        }
        if (f.cache() instanceof CacheSource.Before b) {
            INDArray[] before = snapshots.get(b.call());
            if (lastUse.getOrDefault(b.call(), -1) <= f.index()) {
                snapshots.remove(b.call());
            }
            return before == null ? null : new INDArray[] {dup(before[0]), dup(before[1])};
        }
        return null;
    }

    /** Whether a later call needs the cache of call {@code index} as it was before it ran. */
    boolean snapshotNeeded(int index) {
        return snapshotBefore.contains(index);
    }

    /** Remembers {@code cache} as it is now, before call {@code index} runs. */
    void snapshot(int index, INDArray[] cache) {
        snapshots.put(index, new INDArray[] {dup(cache[0]), dup(cache[1])});
    }

    /** Whether call {@code index}'s snapshot was taken (false when that call had no cache or did not run). */
    boolean hasSnapshot(int index) {
        return snapshots.containsKey(index);
    }

    private INDArray working(INDArray planned) {
        return planned == null ? null : working.computeIfAbsent(planned, CacheCopies::dup);
    }

    private static INDArray dup(INDArray a) {
        return a == null ? null : a.dup(a.ordering());
    }
}
