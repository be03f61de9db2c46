package io.github.kvkit.validator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code kvkit watch --file Candidate.java}: grades the file, then again each time it is saved, from a validator
 * that stays up, with the next child JVM started in advance; after the first grading it shows only what changed.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Grades the candidate, then again on every save of the file, showing what changed. Ctrl-C stops it.", ""})
public final class WatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ValidateOptions options;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "0",
            description = "Stop after N gradings (for scripts and tests; default: until Ctrl-C).")
    int runs;

    /** Watches until interrupted, or {@code --runs} gradings; returns the last grading's {@link ExitCode}. */
    @Override
    public Integer call() {
        if (runs < 0) {
            spec.commandLine().getErr().println("error: --runs " + runs + "; expected a number of gradings >= 0");
            return ExitCode.USAGE;
        }
        return new Watch(new ValidateRun(options, spec.commandLine().getOut(), spec.commandLine().getErr()),
                options, spec.commandLine().getOut(), spec.commandLine().getErr(), runs).run();
    }
}
