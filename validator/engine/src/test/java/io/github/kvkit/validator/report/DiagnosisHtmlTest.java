package io.github.kvkit.validator.report;

import io.github.kvkit.validator.diagnose.CaseView;
import io.github.kvkit.validator.diagnose.Diagnosis;
import io.github.kvkit.validator.diagnose.Hint;
import io.github.kvkit.validator.diagnose.NamedBug;
import io.github.kvkit.validator.observe.ErrorProfile;
import io.github.kvkit.validator.observe.Figure;
import io.github.kvkit.validator.observe.Heatmap;
import io.github.kvkit.validator.observe.Sign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;

import static io.github.kvkit.validator.report.SampleDiagnoses.figure;
import static io.github.kvkit.validator.report.SampleDiagnoses.heatmap;
import static io.github.kvkit.validator.report.SampleDiagnoses.withFigures;
import static org.assertj.core.api.Assertions.assertThat;

class DiagnosisHtmlTest {

    private static final String HOSTILE = "\"><script>alert('x')</script>&amp;<img src=x onerror=1>.java";

    @TempDir
    Path dir;

    @Test
    void escapesAHostileFileNameAndSignText() throws Exception {
        Sign sign = new Sign("k\"ey@<case>", "weights <b>sum</b> & \"differ\" in 'case'");
        Diagnosis d = new Diagnosis("kv-attention", HOSTILE, 0, 1, List.of(), List.of(sign),
                List.of(new CaseView("<case>", true, List.of(sign), List.of())), List.of());

        String page = DiagnosisHtml.render(d);

        assertThat(page).doesNotContain("<script", "<img", "<b>sum", "<case>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;&lt;img")
                .contains("weights &lt;b&gt;sum&lt;/b&gt; &amp; &quot;differ&quot; in &#39;case&#39;");
        Document doc = parse(page);
        assertThat(byClass(doc, "code", "source").get(0).getTextContent()).isEqualTo(HOSTILE);
        assertThat(doc.getElementsByTagName("li").item(0).getAttributes().getNamedItem("title").getNodeValue())
                .isEqualTo("k\"ey@<case>");
    }

    @Test
    void referencesNothingExternal() {
        String page = DiagnosisHtml.render(withFigures("Attention.java",
                List.of(figure("step prefill", heatmap("head 0", 3, 5, 0.1)))));

        assertThat(page.toLowerCase()).doesNotContain("http:", "https:", "//", "<script", "<link", "<img", "<iframe",
                "<object", "<embed", "src=", "href=", "url(", "@import", "@font-face");
        assertThat(page).contains("<style>").contains("<svg");
    }

    @Test
    void drawsOneCandidateReferenceDifferenceTriplePerHeatmap() throws Exception {
        Diagnosis d = withFigures("A.java", List.of(figure("step prefill", heatmap("head 0", 3, 5, 0.1),
                heatmap("head 1", 3, 5, 0.2))));

        Document doc = parse(DiagnosisHtml.render(d));

        List<Element> triples = byClass(doc, "div", "triple");
        assertThat(triples).hasSize(2);
        for (Element triple : triples) {
            List<String> panels = new ArrayList<>();
            NodeList titles = triple.getElementsByTagName("title");
            IntStream.range(0, titles.getLength()).forEach(i -> panels.add(titles.item(i).getTextContent()));
            assertThat(panels).hasSize(3);
            assertThat(panels.get(0)).startsWith("candidate: head");
            assertThat(panels.get(1)).startsWith("reference: head");
            assertThat(panels.get(2)).startsWith("difference (candidate − reference): head");
        }
        assertThat(DiagnosisHtml.render(d)).contains(">query</text>", ">key position</text>");
    }

    @Test
    void capsA1000x1000Heatmap() {
        Heatmap big = randomHeatmap(1000, 1000);

        String page = DiagnosisHtml.render(withFigures("A.java", List.of(figure("step prefill", big))));

        assertThat(page).contains("Drawn as 64×64 cells of the 1000×1000 matrix");
        assertThat(page.length()).isLessThan(3 * 64 * 64 * 16 + 100_000);
    }

    @Test
    void drawsNonFiniteCellsInTheirOwnColourAndListsThem() {
        Heatmap h = heatmap("head 0", 3, 5, 0);
        double[] cand = h.candidate().clone();
        cand[7] = Double.NaN;
        cand[14] = Double.POSITIVE_INFINITY;
        Heatmap broken = new Heatmap("head 0", "query", "key position", 3, 5, cand, h.reference());

        String page = DiagnosisHtml.render(withFigures("A.java", List.of(figure("step prefill", broken))));

        assertThat(page).contains("<path stroke=\"" + ColorScale.NON_FINITE + "\"")
                .contains("2 of the candidate's values are not finite")
                .contains("NaN at query 1, key position 2; +Inf at query 2, key position 4");
    }

    @Test
    void poolingKeepsTheOneNonFiniteEntryOfABlock() {
        double[] values = new double[200 * 200];
        values[150 * 200 + 100] = Double.NaN;

        CellGrid grid = CellGrid.of(values, 200, 200);

        assertThat(grid.cellRows()).isEqualTo(64);
        assertThat(Arrays.stream(grid.cells()).filter(Double::isNaN).count()).isEqualTo(1);
        assertThat(grid.cell(48, 32)).isNaN();
    }

    @Test
    void drawsAMissingCandidateAsNoResult() {
        Heatmap h = heatmap("head 0", 3, 5, 0);
        Heatmap missing = new Heatmap("head 0", "query", "key position", 3, 5, null, h.reference());

        String page = DiagnosisHtml.render(withFigures("A.java", List.of(figure("step prefill", missing))));

        assertThat(page).contains(">no result</text>").contains("No result: the candidate returned nothing usable");
    }

    @Test
    void drawsAnErrorProfileWithItsLimitOnALogScale() {
        String page = DiagnosisHtml.render(withFigures("A.java", List.of(new Figure("step prefill", List.of(),
                List.of(SampleDiagnoses.profile())))));

        assertThat(page).contains("output error per query position (log scale)").contains("stroke-dasharray")
                .contains("1 position has no error at all");
        assertThat(page.split("fill=\"#d62728\"/>", -1)).hasSize(3 + 1 + 1);   // three bars over, the key's swatch
    }

    @Test
    void poolsALongErrorProfileToTheWorstOfEachBar() {
        double[] error = new double[1000];
        double[] limit = new double[1000];
        Arrays.fill(limit, 1e-6);
        error[999] = 5;
        double[] bars = new double[ErrorProfileSvg.MAX_BARS];

        ErrorProfileSvg.pool(new ErrorProfile("e", "query position", error, limit), bars, new double[bars.length]);

        assertThat(bars[bars.length - 1]).isEqualTo(5);
        assertThat(DiagnosisHtml.render(withFigures("A.java", List.of(new Figure("s", List.of(),
                List.of(new ErrorProfile("e", "query position", error, limit)))))))
                .contains("Drawn as 128 bars for 1000 positions");
    }

    @Test
    void drawsTheFirstSixFiguresOfACaseAndSaysHowManyAreLeftOut() {
        List<Figure> ten = IntStream.range(0, 10)
                .mapToObj(i -> figure("step decode#" + i, heatmap("head 0", 1, 4, 0.1))).toList();

        String page = DiagnosisHtml.render(withFigures("A.java", ten));

        assertThat(page).contains("<h4>step decode#5</h4>").doesNotContain("<h4>step decode#6</h4>")
                .contains("4 more figures of this case are not drawn");
    }

    @Test
    void drawsFiguresOfFailingCasesOnly() {
        Figure f = figure("step prefill", heatmap("head 0", 2, 2, 0.1));
        Diagnosis d = new Diagnosis("kv-attention", "A.java", 10, 10, List.of(), List.of(),
                List.of(new CaseView("passes", false, List.of(), List.of(f))), List.of());

        String page = DiagnosisHtml.render(d);

        assertThat(page).contains("Every case passed").doesNotContain("<svg");
    }

    @Test
    void showsEveryHintAndTheBugTitleOnlyWithTheFix() {
        NamedBug early = new NamedBug("B01", "mask off by one", 0.5, List.of(), List.of(new Hint(1, "rows leak")));
        NamedBug late = new NamedBug("B02", "softmax over the wrong axis", 0.9, List.of(),
                List.of(new Hint(1, "sums"), new Hint(2, "softmax"), new Hint(3, "last axis")));
        Diagnosis d = new Diagnosis("kv-attention", "A.java", 0, 10, List.of(late, early), List.of(),
                List.of(new CaseView("c", true, List.of(), List.of())), List.of());

        String page = DiagnosisHtml.render(d);

        assertThat(page).contains("confidence 90%", "confidence 50%", "Hint 1, the symptom:</span> rows leak",
                "Hint 2, where to look:</span> softmax", "Hint 3, the fix:</span> last axis",
                "softmax over the wrong axis").doesNotContain("mask off by one");
        assertThat(page.indexOf("B02")).isLessThan(page.indexOf("B01"));
    }

    @Test
    void writeCreatesTheFileWithTheRenderedPage() throws Exception {
        Diagnosis d = withFigures("A.java", List.of(figure("step prefill", heatmap("head 0", 2, 3, 0.1))));
        Path file = dir.resolve("out/diagnose.html");

        DiagnosisHtml.write(d, file);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(DiagnosisHtml.render(d));
        assertThat(Files.list(file.getParent()).count()).isEqualTo(1);
    }

    private static Heatmap randomHeatmap(int rows, int cols) {
        Random random = new Random(1);
        double[] ref = new double[rows * cols];
        double[] cand = new double[rows * cols];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = random.nextDouble();
            cand[i] = random.nextDouble();
        }
        return new Heatmap("head 0", "query", "key position", rows, cols, cand, ref);
    }

    static Document parse(String page) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> byClass(Document doc, String tag, String cssClass) {
        List<Element> found = new ArrayList<>();
        NodeList all = doc.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("class").equals(cssClass)) {
                found.add(e);
            }
        }
        return found;
    }
}
