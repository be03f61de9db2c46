package io.github.kvkit.validator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code kvkit}: with no verb, grades one candidate exactly as {@code kvkit validate} does, since
 * {@code mvn exec:java -Dexec.args="--file Candidate.java"} is how students and graders have always run it; the
 * other verbs are its subcommands.
 */
@Command(name = "kvkit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {ValidateCommand.class, WatchCommand.class, DiagnoseCommand.class, BenchCommand.class, GradeCommand.class,
                MaterializeCommand.class, KitCommand.class})
public final class KvkitCommand implements Callable<Integer> {

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
