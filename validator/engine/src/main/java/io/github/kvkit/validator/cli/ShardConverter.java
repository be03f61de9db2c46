package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.batch.Shard;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code --shard i/n}. */
final class ShardConverter implements ITypeConverter<Shard> {
    @Override
    public Shard convert(String text) {
        return Shard.parse(text).orElseThrow(() -> new BadValueException("'" + text
                + "' is not a shard; expected i/n with 1 <= i <= n, e.g. 2/3"));
    }
}
