package io.github.kvkit.validator.run;

import java.util.List;

/**
 * The options of a child JVM that decide how fast code runs in it: heap and young generation, GC, JIT, and
 * JavaCPP's limits on native memory; not its class path, library path or work folder. A benchmark of a reference
 * (the JMH module's) forks its JVMs with these, so that its figures are those of the code as the validator runs a
 * candidate. The child's environment adds {@code OMP_WAIT_POLICY=PASSIVE} unless set (docs/isolation.md).
 */
public final class ChildJvmOptions {

    private ChildJvmOptions() {
    }

    /** The options of a child JVM under {@code limits}, in the order the child's command line has them. */
    public static List<String> of(RunLimits limits) {
        return List.copyOf(ChildCommand.runtimeOptions(limits));
    }
}
