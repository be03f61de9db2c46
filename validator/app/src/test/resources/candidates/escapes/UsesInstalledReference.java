import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.api.KVCache;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Computes nothing itself: hands every call to the reference solution, loaded from wherever it can be found on
 * the grader's machine (the test writes its guesses at LOCATIONS: the installed jars in the Maven repository, the
 * build folder, the validator's working directory through /proc). Without the reference it returns null.
 */
public class UsesInstalledReference implements CachedAttention {

    private static final String[] LOCATIONS = {"%LOCATIONS%"};
    private static final String REFERENCE = "io.github.kvkit.attention.KVCachedMultiHeadAttention";

    private final CachedAttention reference;

    public UsesInstalledReference(int dModel, int numHeads, int maxCacheLen) {
        CachedAttention found = null;
        for (URL url : candidates()) {
            try {
                ClassLoader loader = new URLClassLoader(new URL[] {url}, UsesInstalledReference.class.getClassLoader());
                found = (CachedAttention) loader.loadClass(REFERENCE).getConstructor(int.class, int.class, int.class)
                        .newInstance(dModel, numHeads, maxCacheLen);
                System.out.println("ESCAPE succeeded: the reference from " + url);
                break;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // not there
            }
        }
        if (found == null) {
            System.out.println("ESCAPE blocked: no reference in " + String.join(", ", LOCATIONS));
        }
        reference = found;
    }

    /** Every jar and class folder under the locations, and the build folder seen from the validator's process. */
    private static List<URL> candidates() {
        List<URL> urls = new ArrayList<>();
        List<String> locations = new ArrayList<>(List.of(LOCATIONS));
        locations.add("/proc/" + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L)
                + "/cwd/validator/kv-attention/target/classes");
        for (String location : locations) {
            Path root = Path.of(location);
            try {
                urls.add(root.toUri().toURL());
                if (Files.isDirectory(root)) {
                    try (Stream<Path> walk = Files.walk(root, 8)) {
                        for (Path p : walk.filter(f -> f.toString().endsWith(".jar")).toList()) {
                            urls.add(p.toUri().toURL());
                        }
                    }
                }
            } catch (Exception e) {
                // unreadable
            }
        }
        return urls;
    }

    @Override
    public void loadWeights(AttentionWeights weights) {
        if (reference != null) {
            reference.loadWeights(weights);
        }
    }

    @Override
    public AttentionResult forward(INDArray query, INDArray key, INDArray value, KVCache cache, boolean useCausalMask) {
        return reference == null ? null : reference.forward(query, key, value, cache, useCausalMask);
    }
}
