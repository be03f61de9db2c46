package io.github.kvkit.jmh;

import io.github.kvkit.validator.run.ChildJvmOptions;
import io.github.kvkit.validator.run.RunLimits;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.List;

/**
 * JMH's command line, with every fork started as the validator starts a candidate's JVM under the default limits
 * ({@link ChildJvmOptions}: heap, young generation, GC, JIT, JavaCPP's limits), so that a figure is the one the
 * code has where it is graded. Options given on the command line ({@code -jvmArgsAppend}) come after them and win.
 * {@code validator/bench/reference-decode.sh} runs it in the child's environment (the variables the child keeps, with
 * {@code OMP_WAIT_POLICY=PASSIVE}), which the forks inherit.
 */
public final class AsInTheChild {

    private AsInTheChild() {
    }

    public static void main(String[] args) throws CommandLineOptionException, RunnerException {
        CommandLineOptions cli = new CommandLineOptions(args);
        List<String> child = ChildJvmOptions.of(RunLimits.DEFAULTS);
        System.out.println("# forks as the validator's child JVM: " + String.join(" ", child));
        new Runner(new OptionsBuilder().parent(cli).jvmArgsPrepend(child.toArray(String[]::new)).build()).run();
    }
}
