package io.github.kvkit.validator.kit;

import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A track's Gradescope autograder, the folder its zip holds: Gradescope's {@code setup.sh} and
 * {@code run_autograder}, a {@code grade} script they share, an instructor's {@code README.md}, and in {@code kit/}
 * a Maven project of the validator ({@code pom.xml}, its jars in {@code repository/}, {@code .mvn/jvm.config}), the
 * challenge (setup grades it once as a check) and the visible and hidden cases, as the repository has them.
 *
 * <p>It carries the reference, inside the track's jar, and the reference computes the expected results at grading
 * time, as in every grader's run. Freezing the hidden cases instead ({@code kvkit materialize}) would leave the
 * reference out, but does not fit: a frozen case holds every step's results, the whole cache included, so
 * kv-attention's 1000-step decode would take about 10 GB (materialize runs out of memory on it) and its long prefill
 * takes 171 MB and a 1.2 GB validator to load, against half a second of the reference's CPU time. The candidate
 * cannot reach the reference all the same: under bubblewrap it sees its own class path only, and the sandbox's
 * setpriv fallback refuses to grade until the track's jar and the cases are unreadable to other users, which
 * {@code grade} arranges ({@code docs/instructor/gradescope.md}).
 */
public final class GradescopeAutograder {

    /** Where the validator's Maven project goes in the autograder. */
    static final String KIT = "kit";
    /** The whole candidate's time limit, within Gradescope's default timeout of 10 minutes. */
    static final String TIME_TOTAL = "8m";
    private static final List<String> SCRIPTS = List.of("setup.sh", "run_autograder", "grade");

    private final SourceTree tree;
    private final Track track;

    public GradescopeAutograder(SourceTree tree, Track track) {
        this.tree = tree;
        this.track = track;
    }

    /**
     * What the autograder holds, for the command's summary.
     *
     * @param version the version of the validator's artifacts in it
     * @param visible the visible cases' file names
     * @param hidden  the hidden cases' file names
     */
    public record Contents(String version, List<String> visible, List<String> hidden) {
    }

    /**
     * Writes the autograder into {@code folder}, an empty folder.
     *
     * @throws KitException when the repository lacks a piece, or is not built
     * @throws IOException  when the autograder cannot be written
     */
    public Contents writeInto(Path folder) throws KitException, IOException {
        String id = track.id();
        Path challenge = tree.challenge(id);
        Path visible = tree.visibleCases(id);
        Path hidden = tree.hiddenCases(id);
        checkLoads(visible, hidden);
        Path kit = folder.resolve(KIT);
        ValidatorRepository.Written validator = new ValidatorRepository(tree, track).writeInto(kit, entry -> false);
        copy(challenge, kit);
        if (tree.jvmConfig().isPresent()) {
            copy(tree.jvmConfig().get(), kit);
        }
        List<String> visibleCases = copyCases(visible, kit);
        List<String> hiddenCases = copyCases(hidden, kit);
        Map<String, String> values = validator.templateValues(id);
        values.put("GROUP_PATH", validator.groupId().replace('.', '/'));
        values.put("CHALLENGE", tree.relative(challenge));
        values.put("CHALLENGE_NAME", challenge.getFileName().toString());
        values.put("VISIBLE", tree.relative(visible));
        values.put("HIDDEN", tree.relative(hidden));
        values.put("VISIBLE_COUNT", String.valueOf(visibleCases.size()));
        values.put("HIDDEN_COUNT", String.valueOf(hiddenCases.size()));
        values.put("TIME_TOTAL", TIME_TOTAL);
        Template.write("pom.xml.template", values, kit.resolve("pom.xml"));
        Template.write("gradescope/README.md.template", values, folder.resolve("README.md"));
        for (String script : SCRIPTS) {
            Template.write("gradescope/" + script + ".template", values, folder.resolve(script));
        }
        return new Contents(validator.version(), visibleCases, hiddenCases);
    }

    /** The scripts, by their names in the zip, which it marks executable: Gradescope runs them as unpacked. */
    public static Set<String> executables() {
        return Set.copyOf(SCRIPTS);
    }

    /** A bad case stops the autograder from being written, rather than every submission's grading. */
    private void checkLoads(Path visible, Path hidden) throws KitException {
        try {
            new CaseLoader(Tracks.installed().all(), track).loadAll(List.of(visible, hidden));
        } catch (CaseFileException e) {
            throw new KitException(e.getMessage(), e);
        }
    }

    /** Copies the case files of {@code cases} to the same folder in the kit; returns their names, sorted. */
    private List<String> copyCases(Path cases, Path kit) throws KitException, IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(cases)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new KitException(tree.relative(cases) + ": no .json case; expected the cases the autograder grades");
        }
        for (Path file : files) {
            copy(file, kit);
        }
        return files.stream().map(f -> f.getFileName().toString()).toList();
    }

    /** Copies a file of the repository to the same place in the kit. */
    private void copy(Path file, Path kit) throws IOException {
        Path target = kit.resolve(tree.relative(file));
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
    }
}
