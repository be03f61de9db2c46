package io.github.kvkit.validator.report;

import io.github.kvkit.validator.observe.Heatmap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static io.github.kvkit.validator.report.SampleDiagnoses.figure;
import static io.github.kvkit.validator.report.SampleDiagnoses.heatmap;
import static io.github.kvkit.validator.report.SampleDiagnoses.withFigures;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page as a browser draws it: headless Chromium takes a screenshot, which must show the heatmaps' colours.
 * String tests cannot see a page that is well-formed but draws nothing (an SVG of size 0, a style that hides it).
 * Skipped, saying so on stderr, where no Chromium is installed (CI installs it: {@code .ci/run}).
 */
class DiagnosisHtmlInBrowserTest {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 1600;
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void chromiumDrawsTheHeatmapsInTheirColours() throws Exception {
        Path chromium = chromium();
        Heatmap h = heatmap("head 1", 3, 5, 0.1);
        double[] cand = h.candidate().clone();
        cand[7] = Double.NaN;
        Path page = dir.resolve("diagnose.html");
        DiagnosisHtml.write(withFigures("Attention.java", List.of(figure("step prefill", heatmap("head 0", 3, 5, 0.1),
                new Heatmap("head 1", "query", "key position", 3, 5, cand, h.reference())))), page);
        Path png = dir.resolve("diagnose.png");

        screenshot(chromium, page, png);

        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG that ImageIO decodes").isNotNull();
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(distinctColours(image)).as("distinct colours").isGreaterThan(50);
        ColorScale values = ColorScale.sequential(0, 1);
        assertThat(pixelsNear(image, values.color(0))).as("pixels of the scale's low end").isGreaterThan(200);
        assertThat(pixelsNear(image, values.color(ColorScale.LEVELS - 1))).as("pixels of its high end")
                .isGreaterThan(200);
        assertThat(pixelsNear(image, ColorScale.diverging(1).color(0))).as("pixels of the difference")
                .isGreaterThan(200);
        assertThat(pixelsNear(image, ColorScale.NON_FINITE)).as("pixels of the NaN cell").isGreaterThan(200);
    }

    /** Runs Chromium for one screenshot, killing it (and its helpers) after, or after the timeout. */
    private void screenshot(Path chromium, Path page, Path png) throws IOException, InterruptedException {
        Path log = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
                "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT, page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done;
        try {
            done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        assertThat(done).as("Chromium finished within %d s; its output:%n%s", TIMEOUT_SECONDS, output).isTrue();
        assertThat(png).as("the screenshot; Chromium's output:%n%s", output).exists();
    }

    /** {@code chromium} or {@code chromium-browser} on the PATH, or the test is skipped with a message saying so. */
    private static Path chromium() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        Optional<Path> found = Stream.of("chromium", "chromium-browser")
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty())
                        .map(d -> Path.of(d, name)))
                .filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            String why = "the browser test of the diagnose page needs chromium (or chromium-browser) on the PATH";
            System.err.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        return found.get();
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    /** Pixels within a few levels per channel of {@code hex} ({@code #rrggbb}): browsers may manage colour. */
    private static int pixelsNear(BufferedImage image, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int got = image.getRGB(x, y);
                boolean near = true;
                for (int shift = 0; shift <= 16; shift += 8) {
                    near &= Math.abs(((got >> shift) & 0xff) - ((want >> shift) & 0xff)) <= 6;
                }
                n += near ? 1 : 0;
            }
        }
        return n;
    }
}
