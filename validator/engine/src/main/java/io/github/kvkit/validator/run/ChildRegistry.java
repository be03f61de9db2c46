package io.github.kvkit.validator.run;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every child JVM not yet stopped and every work directory not yet deleted, of all runners: when the validator
 * exits before its runners are closed (Ctrl-C, an error), a shutdown hook kills the first and deletes the
 * second, so no candidate keeps running and no class file of it stays behind.
 */
final class ChildRegistry {
    private static final Set<ChildJvm> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<WorkDir> DIRS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ChildJvm c : LIVE) {
                c.kill();
            }
            for (WorkDir dir : DIRS) {
                dir.delete();
            }
        }, "kvkit-child-cleanup"));
    }

    private ChildRegistry() {
    }

    static void register(ChildJvm c) {
        LIVE.add(c);
    }

    /** The child has exited, or been killed. */
    static void unregister(ChildJvm c) {
        LIVE.remove(c);
    }

    static void register(WorkDir dir) {
        DIRS.add(dir);
    }

    /** Whether {@code dir} was registered: only the caller that gets true deletes it. */
    static boolean unregister(WorkDir dir) {
        return DIRS.remove(dir);
    }
}
