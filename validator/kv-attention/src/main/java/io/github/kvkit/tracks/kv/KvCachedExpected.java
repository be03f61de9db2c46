package io.github.kvkit.tracks.kv;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.wire.CallCodec;
import io.github.kvkit.harness.wire.Decoder;
import io.github.kvkit.harness.wire.Encoder;
import io.github.kvkit.harness.wire.ProtocolException;
import io.github.kvkit.tracks.kv.harness.KvCallExecutor;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.validator.track.CachedExpected;

import java.util.ArrayList;
import java.util.List;

/**
 * kv-attention's expected results on disk: each forward step's {@link KvResult} as the call outcome the wire
 * protocol already carries (doubles, exactly), so the engine's cache stores what the reference computed bit for bit.
 */
final class KvCachedExpected implements CachedExpected {

    private final Class<?> reference;

    /** For the reference class {@code reference}, which computes the results that are kept. */
    KvCachedExpected(Class<?> reference) {
        this.reference = reference;
    }

    /** The reference, and the track's code that constructs and calls it on a case's arrays. */
    @Override
    public List<Class<?>> referenceCode() {
        return List.of(reference, KvReference.class, KvCallExecutor.class);
    }

    @Override
    public void write(Object expected, Encoder out) {
        List<?> results = (List<?>) expected;
        out.putInt(results.size());
        for (Object result : results) {
            CallCodec.putOutcome(out, ((KvResult) result).toOutcome());
        }
    }

    @Override
    public List<KvResult> read(Decoder in) throws ProtocolException {
        int n = in.getInt();
        if (n < 0) {
            throw new ProtocolException("negative result count");
        }
        List<KvResult> results = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
            KvResult r = CallCodec.getOutcome(in) instanceof CallOutcome.Returned returned ? KvResult.of(returned) : null;
            if (r == null) {
                throw new ProtocolException("result " + i + " is not a whole forward result");
            }
            results.add(r);
        }
        return results;
    }
}
