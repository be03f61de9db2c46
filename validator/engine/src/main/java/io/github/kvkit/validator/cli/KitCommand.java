package io.github.kvkit.validator.cli;

import picocli.CommandLine.Command;

/**
 * {@code kvkit kit ROLE ...}: writes what one role needs from this repository. It runs nothing itself, so picocli
 * refuses it without a role ("Missing required subcommand", exit code {@link ExitCode#USAGE}).
 */
@Command(name = "kit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Writes a kit for one role from this repository; run it from the repository's root, after a build "
                + "(mvn -B -DskipTests install). docs/instructor/ describes the kits: student-kit.md, gradescope.md, "
                + "classroom.md."},
        subcommands = {StudentKitCommand.class, GradescopeKitCommand.class, ClassroomKitCommand.class})
public final class KitCommand {
}
