package io.github.kvkit.validator.track;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The tracks on the validator's class path, found with {@link ServiceLoader}: a track is added by a
 * {@code META-INF/services/io.github.kvkit.validator.track.Track} line, without editing the engine.
 */
public final class Tracks {

    private static volatile Tracks installed;

    private final Map<String, Track> byId;

    private Tracks(List<Track> tracks) {
        Map<String, Track> map = new LinkedHashMap<>();
        for (Track t : tracks) {
            Track earlier = map.putIfAbsent(t.id(), t);
            if (earlier != null && earlier.getClass() != t.getClass()) {
                throw new IllegalStateException("two tracks named " + t.id() + ": " + earlier.getClass().getName()
                        + " and " + t.getClass().getName());
            }
        }
        this.byId = Collections.unmodifiableMap(map);
    }

    /** The tracks this JVM's class path provides, found once. */
    public static Tracks installed() {
        Tracks t = installed;
        if (t == null) {
            synchronized (Tracks.class) {
                t = installed;
                if (t == null) {
                    List<Track> found = new ArrayList<>();
                    ServiceLoader.load(Track.class, Tracks.class.getClassLoader()).forEach(found::add);
                    found.sort((a, b) -> a.id().compareTo(b.id()));
                    t = new Tracks(found);
                    installed = t;
                }
            }
        }
        return t;
    }

    public List<Track> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Track> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** {@code "kv-attention, llama-block"}. */
    public String ids() {
        return String.join(", ", byId.keySet());
    }

    /**
     * The track of a candidate not compiled yet: the one whose interface its source names after {@code implements}
     * (the first of them if it names several), else {@link #fallback()}. The loader checks the claim once the
     * candidate is compiled, and says what is missing.
     */
    public Track forCandidate(String source) {
        List<Track> claimed = claimedBy(source);
        return claimed.isEmpty() ? fallback() : claimed.get(0);
    }

    /** The track of a case or candidate that names none: the first by id. */
    public Track fallback() {
        return byId.values().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no track is installed (META-INF/services)"));
    }

    /**
     * The tracks whose contract a candidate's source claims: its interface's simple name after
     * {@code implements} (the source is not compiled yet; the loader checks the claim once it is).
     */
    public List<Track> claimedBy(String source) {
        String code = withoutComments(source);
        return byId.values().stream().filter(t -> {
            String name = Pattern.quote(t.harness().contract().type().getSimpleName());
            return Pattern.compile("\\bimplements\\b[^{]*\\b" + name + "\\b").matcher(code).find();
        }).collect(Collectors.toList());
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
