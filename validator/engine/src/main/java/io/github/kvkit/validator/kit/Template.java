package io.github.kvkit.validator.kit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text file among this package's resources whose {@code {{NAME}}} placeholders a kit fills in. Maven's own
 * {@code ${...}} in a pom template is left alone.
 */
final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");

    private Template() {
    }

    /**
     * The resource {@code name} with every placeholder replaced.
     *
     * @throws IllegalStateException when the resource is missing or names a value not given: a bug in kvkit
     */
    static String render(String name, Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = Template.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("kvkit's resources lack the kit template " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("the kit template " + name + " names {{" + m.group(1) + "}}, "
                        + "which nothing fills in");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Renders the resource {@code name} into {@code target}, creating the folders above it. */
    static void write(String name, Map<String, String> values, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.writeString(target, render(name, values), StandardCharsets.UTF_8);
    }
}
