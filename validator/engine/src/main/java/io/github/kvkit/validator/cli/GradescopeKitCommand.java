package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.kit.GradescopeAutograder;
import io.github.kvkit.validator.kit.SourceTree;
import io.github.kvkit.validator.track.Track;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code kvkit kit gradescope --track ID -o FILE.zip}: writes a track's Gradescope autograder
 * ({@link GradescopeAutograder}).
 */
@Command(name = "gradescope", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Writes a track's Gradescope autograder, a zip to upload to a programming assignment: setup.sh "
                + "(installs a JDK 17, Maven and bubblewrap with apt), run_autograder (grades the submission's one .java "
                + "file on the visible and hidden cases, --sandbox on, and always writes results.json), and the validator "
                + "with the reference solution and the cases. Keep it from students.",
                "Run it from the repository's root, after a build (mvn -B -DskipTests install)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                ExitCode.PASSED + ":the autograder was written",
                ExitCode.USAGE + ":bad usage (an unknown track, an --output that is not a new .zip file or cannot be "
                        + "written), or a repository that is not built; one line says which",
                ExitCode.INTERNAL_ERROR + ":internal error in kvkit"},
        footer = {"", "Example:",
                "  mvn -q exec:java -Dexec.args=\"kit gradescope --track kv-attention -o ../kv-attention-autograder.zip\""})
public final class GradescopeKitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--track", paramLabel = "ID", required = true, converter = TrackConverter.class,
            description = "The track whose autograder to write, e.g. kv-attention.")
    Track track;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.zip", required = true, converter = NewZipConverter.class,
            description = "The zip to write; it must not exist.")
    Path output;

    /** Writes the autograder; returns an {@link ExitCode}. */
    @Override
    public Integer call() {
        return new KitOutput(spec.commandLine().getOut(), spec.commandLine().getErr())
                .toZip(output, GradescopeAutograder.executables(), folder -> {
                    GradescopeAutograder.Contents a = new GradescopeAutograder(new SourceTree(Path.of("")), track)
                            .writeInto(folder);
                    return "the " + track.id() + " Gradescope autograder, validator " + a.version() + " with the "
                            + "reference, " + a.visible().size() + " visible and " + a.hidden().size() + " hidden cases";
                });
    }
}
