package io.github.kvkit.validator.track;

import io.github.kvkit.harness.wire.Decoder;
import io.github.kvkit.harness.wire.Encoder;
import io.github.kvkit.harness.wire.ProtocolException;

import java.util.List;

/**
 * What the engine needs to keep a track's computed expected results on disk between runs
 * ({@link io.github.kvkit.validator.judge.ExpectedCache}): the code they come from, which keys the entries, and how
 * they are written and read back. A track without it ({@link Track#cachedExpected()} empty) computes them in every run.
 */
public interface CachedExpected {

    /**
     * The classes whose code computes the expected results: the reference and the track's code that drives it. The
     * bytes of their class files (each with its nested classes) are part of every entry's key, so editing the
     * reference, or how it is called, never reads an entry it did not write.
     */
    List<Class<?>> referenceCode();

    /** Writes {@code expected}, what {@link Track#expected} returned, so that {@link #read} gives it back equal. */
    void write(Object expected, Encoder out);

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws ProtocolException when the bytes are not such a value (the engine then computes it again)
     */
    Object read(Decoder in) throws ProtocolException;
}
