package io.github.kvkit.validator.kit;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a kit given to students must not hold, as strings to search its files for: the reference's class and source
 * (whole, or any line of 30 characters or more that the challenge does not have), and the hidden cases' names.
 */
final class Leaks {

    static final String CHALLENGE = "challenge/kv-attention/KVCachedMultiHeadAttention.java";
    private static final Path REFERENCE = Path.of("solution/kv-attention/KVCachedMultiHeadAttention.java");
    private static final String REFERENCE_CLASS = "io/github/kvkit/attention/KVCachedMultiHeadAttention";
    private static final Path HIDDEN = Path.of("test-cases/kv-attention/hidden");

    private Leaks() {
    }

    /** The reference's class name, its source and the lines only it has: a copy of its fixes, whole or in part. */
    static List<String> ofTheReference() throws IOException {
        String source = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        Set<String> challenge = Files.readAllLines(Path.of(CHALLENGE)).stream().map(String::strip)
                .collect(Collectors.toSet());
        List<String> needles = new ArrayList<>(List.of(REFERENCE_CLASS, source.strip()));
        source.lines().map(String::strip).filter(l -> l.length() >= 30 && !challenge.contains(l)).forEach(needles::add);
        return needles;
    }

    /** The hidden cases' file names (without {@code .json}) and {@code "name"} values. */
    static List<String> ofTheHiddenCases() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> needles = new ArrayList<>();
        for (String file : caseFiles(HIDDEN)) {
            needles.add(file.replaceFirst("\\.json$", ""));
            needles.add(json.readTree(HIDDEN.resolve(file).toFile()).get("name").asText());
        }
        return needles;
    }

    /** "file: needle" for every needle in the name or the bytes of one of {@code files}. */
    static List<String> hits(List<Unpacked.Item> files, List<String> needles) {
        List<String> out = new ArrayList<>();
        for (Unpacked.Item file : files) {
            // Bytes as Latin-1 characters, so that a needle is found in a class file or a jar as well as in text.
            String content = new String(file.bytes(), StandardCharsets.ISO_8859_1);
            for (String needle : needles) {
                String bytes = new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
                if (file.name().contains(needle) || content.contains(bytes)) {
                    out.add(file.name() + ": " + needle);
                }
            }
        }
        return out;
    }

    /** The case files of a folder, sorted: every {@code .json} but the schema. */
    static List<String> caseFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.equals("schema.json"))
                    .sorted().toList();
        }
    }
}
