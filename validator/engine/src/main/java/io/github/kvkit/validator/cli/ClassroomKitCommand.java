package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.kit.ClassroomKit;
import io.github.kvkit.validator.kit.SourceTree;
import io.github.kvkit.validator.kit.StudentKit;
import io.github.kvkit.validator.track.Track;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code kvkit kit classroom --track ID -o DIR}: writes a track's GitHub Classroom template ({@link ClassroomKit}). */
@Command(name = "classroom", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Writes a track's GitHub Classroom template repository to a folder and a zip next to it: the "
                + "student kit and .github/workflows/classroom.yml, which grades the challenge on the visible cases on "
                + "every push and reports the points to GitHub Classroom. No reference solution, no hidden case.",
                "Run it from the repository's root, after a build (mvn -B -DskipTests install)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                ExitCode.PASSED + ":the template was written",
                ExitCode.USAGE + ":bad usage (an unknown track, an --output that is not a new or empty folder or cannot "
                        + "be written), or a repository that is not built; one line says which",
                ExitCode.INTERNAL_ERROR + ":internal error in kvkit"},
        footer = {"", "Example:",
                "  mvn -q exec:java -Dexec.args=\"kit classroom --track kv-attention -o ../kv-attention-classroom\""})
public final class ClassroomKitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--track", paramLabel = "ID", required = true, converter = TrackConverter.class,
            description = "The track whose template to write, e.g. kv-attention.")
    Track track;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, converter = NewFolderConverter.class,
            description = "A new or empty folder for the template; its zip is written next to it, as DIR.zip.")
    Path output;

    /** Writes the template; returns an {@link ExitCode}. */
    @Override
    public Integer call() {
        return new KitOutput(spec.commandLine().getOut(), spec.commandLine().getErr()).toFolder(output, folder -> {
            StudentKit.Contents kit = new ClassroomKit(new SourceTree(Path.of("")), track).writeInto(folder);
            return "the " + track.id() + " GitHub Classroom template (the student kit and .github/workflows/"
                    + "classroom.yml), validator " + kit.version() + ", " + kit.cases().size() + " visible cases frozen";
        });
    }
}
