import io.github.kvkit.api.CachedAttention;

/** An interface, not a class. */
public interface AttentionInterface extends CachedAttention {
}
