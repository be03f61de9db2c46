package io.github.kvkit.validator.diagnose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.kvkit.validator.KvkitVersion;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.track.Track;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where diagnose gets its {@link DiagnosePack}: the one a student kit ships ({@code diagnose/TRACK.json}), else one
 * made from the instructors' catalog and reference and kept on disk, filed under the SHA-256 of everything it depends
 * on (kvkit's version, the catalog, the reference's source and every case file), so it is made once per change.
 * The variants are the instructors' own code and are graded inside this JVM (about 0.2 s each instead of a child
 * JVM's 2 to 3), their output dropped.
 */
public final class DiagnosePacks {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiagnosePacks() {
    }

    /** Thrown when no pack can be had; the message says what was looked for. */
    public static final class NoPack extends Exception {
        public NoPack(String message) {
            super(message);
        }
    }

    /** Where a student kit keeps the pack of {@code trackId}, relative to the kit's folder. */
    public static Path shipped(String trackId) {
        return Path.of("diagnose", trackId + ".json");
    }

    /** Where made packs are kept unless said otherwise: next to the expected results' cache. */
    public static Path defaultFolder(Path expectedCacheFolder) {
        return expectedCacheFolder.resolveSibling("diagnose");
    }

    /**
     * The pack for {@code cases} of {@code track}: the shipped one when present, else made from {@code catalogFile}
     * (kept in {@code folder}).
     *
     * @param progress told what is being done when a pack is made (it takes a second per bug)
     */
    public static DiagnosePack obtain(Track track, List<TestCase> cases, Path catalogFile, Path folder,
                                      Validation validation, Consumer<String> progress) throws NoPack, IOException {
        Path shipped = shipped(track.id());
        if (Files.isRegularFile(shipped)) {
            return read(shipped);
        }
        if (!Files.isRegularFile(catalogFile)) {
            throw new NoPack("no bug catalog for track " + track.id() + ": " + catalogFile + " does not exist, nor "
                    + shipped + "; expected the instructors' repository (docs/instructor/" + track.id() + "/bugs.json) "
                    + "or a student kit made with diagnose hints");
        }
        BugCatalog catalog;
        try {
            catalog = BugCatalog.load(catalogFile);
        } catch (BugCatalog.BadCatalog e) {
            throw new NoPack(e.getMessage());
        }
        Path solution = Path.of(catalog.solution());
        if (!Files.isRegularFile(solution)) {
            throw new NoPack("the bug catalog " + catalogFile + " names the reference " + solution
                    + ", which does not exist; expected the reference's source there");
        }
        String reference = Files.readString(solution, StandardCharsets.UTF_8);
        Path entry = folder.resolve(key(track, cases, catalogFile, reference) + ".json");
        if (Files.isRegularFile(entry)) {
            try {
                return read(entry);
            } catch (IOException e) {
                Files.deleteIfExists(entry);    // a damaged entry is made again
            }
        }
        int bugs = catalog.bugs().size();
        progress.accept("Taking the fingerprints of " + bugs + " bugs of " + track.id() + ", alone and in pairs ("
                + (bugs + bugs * (bugs - 1) / 2) + " variants of the reference), on " + cases.size() + " cases: once, "
                + "kept in " + folder + ". ND4J may print errors about the bugs' shapes meanwhile; they are expected.");
        DiagnosePack pack;
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        try (java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream())) {
            System.setOut(quiet);       // what the variants print (ND4J's log of a bug's shapes) is not the user's
            System.setErr(quiet);
            pack = new FingerprintMaker(track, cases, validation).make(catalog, reference, id -> { });
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        write(pack, entry);
        return pack;
    }

    /** Reads a pack, checking its format. */
    public static DiagnosePack read(Path file) throws IOException {
        DiagnosePack pack;
        try {
            pack = MAPPER.readValue(file.toFile(), DiagnosePack.class);
        } catch (JsonProcessingException e) {
            throw new IOException("the diagnose pack " + file + " is not valid: " + e.getOriginalMessage());
        }
        if (pack.format() != DiagnosePack.FORMAT) {
            throw new IOException("the diagnose pack " + file + " has format " + pack.format() + "; expected "
                    + DiagnosePack.FORMAT + " (make the kit again with this kvkit)");
        }
        return pack;
    }

    /** Writes {@code pack} to {@code file} whole or not at all. */
    public static void write(DiagnosePack pack, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".pack", ".tmp");
        try {
            MAPPER.writeValue(temp.toFile(), pack);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String key(Track track, List<TestCase> cases, Path catalogFile, String reference) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        part(sha, ("kvkit diagnose pack " + DiagnosePack.FORMAT + " " + KvkitVersion.VERSION + " " + track.id())
                .getBytes(StandardCharsets.UTF_8));
        part(sha, Files.readAllBytes(catalogFile));
        part(sha, reference.getBytes(StandardCharsets.UTF_8));
        for (TestCase tc : cases) {
            part(sha, Files.readAllBytes(tc.source()));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void part(MessageDigest sha, byte[] bytes) {
        sha.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) ':');
        sha.update(bytes);
    }

}
