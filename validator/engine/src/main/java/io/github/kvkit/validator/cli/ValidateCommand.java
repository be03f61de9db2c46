package io.github.kvkit.validator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code kvkit validate --file Candidate.java}: grades one candidate on the test cases and reports. The same as
 * {@code kvkit --file Candidate.java} ({@link KvkitCommand}), named for scripts that prefer a verb.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ValidateOptions options;

    /** Grades the candidate; returns an {@link ExitCode}. */
    @Override
    public Integer call() {
        return new ValidateRun(options, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
    }
}
