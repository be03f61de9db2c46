package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.kit.SourceTree;
import io.github.kvkit.validator.kit.StudentKit;
import io.github.kvkit.validator.track.Track;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code kvkit kit student --track ID -o DIR}: writes a track's student kit to DIR and DIR.zip ({@link StudentKit}). */
@Command(name = "student", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Writes a track's student kit to a folder and a zip next to it: the challenge, the visible cases "
                + "with their expected results frozen, the spec, the student guide and the validator as built jars, "
                + "which a student grades their file with using only a JDK 17 and Maven. No reference solution, no "
                + "hidden case, no answer key.",
                "Run it from the repository's root, after a build (mvn -B -DskipTests install)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                ExitCode.PASSED + ":the kit was written",
                ExitCode.USAGE + ":bad usage (an unknown track, an --output that is not a new or empty folder or cannot "
                        + "be written), or a repository that is not built; one line says which",
                ExitCode.INTERNAL_ERROR + ":internal error in kvkit"},
        footer = {"", "Example:", "  mvn -q exec:java -Dexec.args=\"kit student --track kv-attention -o ../kv-attention-kit\""})
public final class StudentKitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--track", paramLabel = "ID", required = true, converter = TrackConverter.class,
            description = "The track whose kit to write, e.g. kv-attention.")
    Track track;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, converter = NewFolderConverter.class,
            description = "A new or empty folder for the kit; its zip is written next to it, as DIR.zip.")
    Path output;

    @Option(names = "--hints", paramLabel = "N", defaultValue = "0", converter = KitHintsConverter.class,
            description = "Let students run kvkit diagnose, with hints up to level N: 1 the symptom, 2 also where in "
                    + "their file, 3 also the fix (default: ${DEFAULT-VALUE}, no diagnose in the kit). The kit then holds "
                    + "the bugs' fingerprints on the visible and diagnose cases, and the hint texts up to that level.")
    int hints;

    @Option(names = "--hints-after", paramLabel = "ATTEMPTS", defaultValue = "0",
            description = "With --hints: give every level once a student has diagnosed the same file this many times "
                    + "(counted in .kvkit/ next to it). The kit then holds every level's text, readable by a student "
                    + "who looks (default: ${DEFAULT-VALUE}, never).")
    int hintsAfter;

    /** Writes the kit; returns an {@link ExitCode}. */
    @Override
    public Integer call() {
        return new KitOutput(spec.commandLine().getOut(), spec.commandLine().getErr()).toFolder(output, folder -> {
            StudentKit.Contents kit = new StudentKit(new SourceTree(Path.of("")), track)
                    .withDiagnose(new StudentKit.DiagnoseHints(hints, Math.max(0, hintsAfter))).writeInto(folder);
            return "the " + track.id() + " student kit, validator " + kit.version() + ", " + kit.cases().size()
                    + " visible cases frozen, " + kit.artifacts().size() + " jars";
        });
    }
}
