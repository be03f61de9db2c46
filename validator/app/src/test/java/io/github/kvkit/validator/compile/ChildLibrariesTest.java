package io.github.kvkit.validator.compile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The child's libraries are found on the machine that runs the validator, not where the harness was built. */
class ChildLibrariesTest {

    private static final String API = "org/nd4j/nd4j-api/1.0.0-M2.1/nd4j-api-1.0.0-M2.1.jar";
    private static final String LINUX_NATIVES = "org/nd4j/nd4j-native/1.0.0-M2.1/nd4j-native-1.0.0-M2.1-linux-x86_64.jar";
    private static final String MAC_NATIVES = "org/nd4j/nd4j-native/1.0.0-M2.1/nd4j-native-1.0.0-M2.1-macosx-arm64.jar";
    private static final String PLAIN_NATIVE = "org/nd4j/nd4j-native/1.0.0-M2.1/nd4j-native-1.0.0-M2.1.jar";

    @TempDir
    Path dir;

    private Path jar(Path repository, String relative) throws IOException {
        Path file = repository.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[0]);
    }

    @Test
    void aRepositoryPathIsTheSameJarOnTheValidatorsClassPath() throws IOException {
        Path api = jar(dir.resolve("students-m2"), API);
        ChildLibraries libraries = new ChildLibraries(List.of(api), List.of());

        assertThat(libraries.resolve("M2_REPO/" + API, "listing")).containsExactly(api);
    }

    @Test
    void aJarNotOnTheClassPathIsTakenFromTheLocalRepository() throws IOException {
        Path repository = dir.resolve("m2");
        Path api = jar(repository, API);
        ChildLibraries libraries = new ChildLibraries(List.of(), List.of(dir.resolve("elsewhere"), repository));

        assertThat(libraries.resolve("M2_REPO/" + API, "listing")).containsExactly(api);
    }

    @Test
    void nativesListedForAnotherPlatformAreThisMachinesOnTheClassPath() throws IOException {
        Path repository = dir.resolve("m2");
        List<Path> classPath = List.of(jar(repository, PLAIN_NATIVE), jar(repository, MAC_NATIVES));
        ChildLibraries libraries = new ChildLibraries(classPath, List.of(repository));

        assertThat(libraries.resolve("M2_REPO/" + PLAIN_NATIVE + "|M2_REPO/" + LINUX_NATIVES, "listing"))
                .containsExactly(classPath.get(0), classPath.get(1));
    }

    @Test
    void aMissingLibraryNamesItTheListingAndWhereItLooked() {
        ChildLibraries libraries = new ChildLibraries(List.of(), List.of(dir));

        assertThatThrownBy(() -> libraries.resolve("M2_REPO/" + API, "kv-harness.jar!/listing"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(API).hasMessageContaining("kv-harness.jar!/listing").hasMessageContaining(dir.toString());
    }

    @Test
    void anAbsoluteEntryIsUsedAsItIs() throws IOException {
        Path outside = Files.write(dir.resolve("lib.jar"), new byte[0]);

        assertThat(new ChildLibraries(List.of(), List.of()).resolve(outside + "\n", "listing")).containsExactly(outside);
    }

    @Test
    void theBuiltListingNamesNoPathOfTheBuildersMachine() throws IOException {
        String listing;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CandidateClasspath.LIBRARIES_RESOURCE)) {
            listing = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(listing.strip().split("\\" + ChildLibraries.SEPARATOR))
                .isNotEmpty()
                .allSatisfy(entry -> assertThat(entry).startsWith(ChildLibraries.REPOSITORY));
        assertThat(listing).doesNotContain(System.getProperty("user.home"));
    }
}
