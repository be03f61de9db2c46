package io.github.kvkit.validator.batch;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreDistributionTest {

    private static final Gradebook CLASS = Rows.book(Rows.ran("a", 5, 5), Rows.ran("b", 5, 4.99),
            Rows.ran("c", 0.5, 0), Rows.notRun("d", GradeStatus.COMPILE_ERROR), Rows.ran("e", 2.5, 2.5));

    @Test
    void scoresFallInTenPercentBandsAndFullMarksApart() {
        ScoreDistribution d = ScoreDistribution.of(CLASS);

        assertThat(d.bins()).hasSize(11);
        assertThat(d.bins().get(0)).isEqualTo(new ScoreDistribution.Bin("0–9%", 2));
        assertThat(d.bins().get(5)).isEqualTo(new ScoreDistribution.Bin("50–59%", 1));
        assertThat(d.bins().get(9)).isEqualTo(new ScoreDistribution.Bin("90–99%", 1));
        assertThat(d.bins().get(10)).isEqualTo(new ScoreDistribution.Bin("100%", 1));
        assertThat(d.students()).isEqualTo(5);
    }

    @Test
    void theTextHistogramHasABarPerBandAsLongAsItsShare() {
        StringWriter text = new StringWriter();

        TextHistogram.write(ScoreDistribution.of(CLASS), new PrintWriter(text));

        assertThat(text.toString().lines()).hasSize(12).first().isEqualTo("Scores of 5 submissions (out of 10):");
        assertThat(text.toString()).contains("   0–9%  " + "█".repeat(TextHistogram.WIDTH) + " 2\n")
                .contains("  10–19%  0\n").contains("    100%  " + "█".repeat(TextHistogram.WIDTH / 2) + " 1\n");
    }

    @Test
    void theChartIsWellFormedSvgWithABarPerBand() throws Exception {
        String svg = ScoresSvg.format(ScoreDistribution.of(CLASS));

        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));

        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(1 + 11);
        assertThat(svg).contains("<title>100%: 1</title>");
    }

    @Test
    void gridLinesStepOneTwoFive() {
        assertThat(ScoresSvg.tickStep(3)).isEqualTo(1);
        assertThat(ScoresSvg.tickStep(12)).isEqualTo(2);
        assertThat(ScoresSvg.tickStep(30)).isEqualTo(5);
        assertThat(ScoresSvg.tickStep(170)).isEqualTo(50);
    }
}
