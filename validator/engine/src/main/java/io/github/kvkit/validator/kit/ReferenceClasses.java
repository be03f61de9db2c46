package io.github.kvkit.validator.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The class files compiled from a track's {@code solution/ID/} folder, the reference, which a student kit leaves
 * out of every jar. They are told by the packages the solution's sources declare: every class file of such a
 * package, so that helper and nested classes go too. A source in no package stands for its own top-level and
 * nested classes. The track's module finds the reference by name and grades without it (frozen cases).
 */
final class ReferenceClasses implements Predicate<String> {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    /** Entry-name prefixes: {@code io/github/kvkit/attention/}, or {@code Name.class} and {@code Name$} for no package. */
    private final List<String> prefixes;

    private ReferenceClasses(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /** The classes of the sources under {@code solution}; none when the folder does not exist. */
    static ReferenceClasses in(Path solution) throws KitException {
        List<String> prefixes = new ArrayList<>();
        if (!Files.isDirectory(solution)) {
            return new ReferenceClasses(prefixes);
        }
        try (Stream<Path> walk = Files.walk(solution)) {
            for (Path source : walk.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).sorted().toList()) {
                String code = withoutComments(Files.readString(source, StandardCharsets.UTF_8));
                Matcher m = PACKAGE.matcher(code);
                if (m.find()) {
                    addOnce(prefixes, m.group(1).replace('.', '/') + "/");
                } else {
                    String name = source.getFileName().toString().replaceFirst("\\.java$", "");
                    addOnce(prefixes, name + ".class");
                    addOnce(prefixes, name + "$");
                }
            }
        } catch (IOException e) {
            throw new KitException(solution + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return new ReferenceClasses(prefixes);
    }

    /** Whether a jar entry (or a path under {@code target/classes}) is one of the reference's. */
    @Override
    public boolean test(String entryName) {
        String name = entryName.replace('\\', '/');
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return prefixes.toString();
    }

    private static void addOnce(List<String> list, String item) {
        if (!list.contains(item)) {
            list.add(item);
        }
    }

    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
