package io.github.kvkit.validator.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A child process to confine: what it runs and what of the file system it needs.
 *
 * @param command     the command line; its paths are those {@link Sandbox#readable} gave
 * @param environment the child's whole environment
 * @param root        the child's private directory: the socket it connects to is in it
 * @param work        the child's working directory (inside {@code root}), the only place it may write
 * @param classes     the candidate's class files (inside {@code root}), read-only for it
 * @param socket      the Unix domain socket the child connects to (inside {@code root})
 * @param readOnly    what else it reads: its class path and ND4J's native libraries, as {@link Sandbox#readable} gave
 */
public record ChildSpec(List<String> command, Map<String, String> environment, Path root, Path work, Path classes,
                        Path socket, List<Path> readOnly) {

    public ChildSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        readOnly = List.copyOf(readOnly);
    }
}
