package io.github.kvkit.validator.report;

import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JUnitXmlReportTest {

    private static Document xml(ValidationReport r) throws Exception {
        String text = Reports.render(new JUnitXmlReport(), r);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    private static List<Element> elements(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static Element suite(Document d, String name) {
        return elements(d.getDocumentElement(), "testsuite").stream()
                .filter(s -> s.getAttribute("name").equals(name)).findFirst().orElseThrow();
    }

    private static void assertCountsMatchElements(Element e) {
        assertEquals(elements(e, "testcase").size(), Integer.parseInt(e.getAttribute("tests")), e.getAttribute("name"));
        assertEquals(elements(e, "failure").size(), Integer.parseInt(e.getAttribute("failures")), e.getAttribute("name"));
        assertEquals(elements(e, "error").size(), Integer.parseInt(e.getAttribute("errors")), e.getAttribute("name"));
    }

    @Test
    void rootCountsMatchTheReportAndTheElements() throws Exception {
        Element root = xml(SampleReports.mixed()).getDocumentElement();

        assertEquals("testsuites", root.getTagName());
        assertEquals("kvkit", root.getAttribute("name"));
        assertEquals("10", root.getAttribute("tests"));
        assertEquals("2", root.getAttribute("failures"));
        assertEquals("2", root.getAttribute("errors"));
        assertEquals("12.345", root.getAttribute("time"));
        assertCountsMatchElements(root);
    }

    @Test
    void everySuiteCountsMatchItsElements() throws Exception {
        for (ValidationReport r : List.of(SampleReports.mixed(), SampleReports.compileError(),
                SampleReports.specialCharacters(), SampleReports.setupError())) {
            for (Element s : elements(xml(r).getDocumentElement(), "testsuite")) {
                assertCountsMatchElements(s);
            }
        }
    }

    @Test
    void oneSuitePerCaseWithProperties() throws Exception {
        Document d = xml(SampleReports.mixed());
        Element decode = suite(d, "decode_step");

        assertEquals(5, elements(d.getDocumentElement(), "testsuite").size());
        assertEquals(List.of("category=core", "visibility=visible", "score=7.5", "max_score=10", "status=failed"),
                elements(decode, "property").stream()
                        .map(p -> p.getAttribute("name") + "=" + p.getAttribute("value")).toList());
        assertEquals("0.340", decode.getAttribute("time"));
    }

    @Test
    void oneTestcasePerCheckNamedAfterCaseAndCheck() throws Exception {
        List<Element> cases = elements(suite(xml(SampleReports.mixed()), "decode_step"), "testcase");

        assertEquals(List.of("output_shape", "softmax_sum", "cache_length", "output_values"),
                cases.stream().map(c -> c.getAttribute("name")).toList());
        assertTrue(cases.stream().allMatch(c -> c.getAttribute("classname").equals("kvkit.decode_step")));
    }

    @Test
    void failedCheckHasAFailureWithItsMessage() throws Exception {
        Element failure = elements(suite(xml(SampleReports.mixed()), "decode_step"), "failure").get(0);

        assertEquals("cache_length", ((Element) failure.getParentNode()).getAttribute("name"));
        assertEquals("expected 5, got 4", failure.getAttribute("message"));
        assertEquals("expected 5, got 4", failure.getTextContent());
    }

    @Test
    void casesWithoutVerdictReportChecksAsErrorsTypedByStatus() throws Exception {
        Document d = xml(SampleReports.mixed());
        Element timeout = elements(suite(d, "long_context"), "error").get(0);
        Element oom = elements(suite(d, "edge_oom"), "error").get(0);

        assertEquals("stopped after 10 s", timeout.getAttribute("message"));
        assertEquals("timeout", timeout.getAttribute("type"));
        assertEquals("out_of_memory", oom.getAttribute("type"));
        assertEquals("run", ((Element) oom.getParentNode()).getAttribute("name"));
    }

    @Test
    void compileErrorHasACandidateSuiteAndNotRunCasesAsErrors() throws Exception {
        Document d = xml(SampleReports.compileError());
        Element root = d.getDocumentElement();
        Element error = elements(suite(d, "candidate"), "error").get(0);

        assertEquals("compile", ((Element) error.getParentNode()).getAttribute("name"));
        assertEquals("compile_error", error.getAttribute("type"));
        assertEquals("MyAttention.java:3: error: ';' expected", error.getAttribute("message"));
        assertEquals(SampleReports.COMPILE_MESSAGE, error.getTextContent());
        assertEquals("4", root.getAttribute("tests"));
        assertEquals("4", root.getAttribute("errors"));
        assertEquals("0", root.getAttribute("failures"));
        assertEquals("not_run", elements(suite(d, "edge_masking"), "error").get(0).getAttribute("type"));
    }

    @Test
    void setupErrorIsOneErrorNamedSetup() throws Exception {
        Document d = xml(SampleReports.setupError());
        Element error = elements(d.getDocumentElement(), "error").get(0);

        assertEquals("1", d.getDocumentElement().getAttribute("tests"));
        assertEquals("setup", ((Element) error.getParentNode()).getAttribute("name"));
        assertEquals("setup_error", error.getAttribute("type"));
        assertEquals(SampleReports.SETUP_MESSAGE, error.getAttribute("message"));
    }

    @Test
    void specialCharactersSurviveEscaping() throws Exception {
        Document d = xml(SampleReports.specialCharacters());
        Element s = suite(d, SampleReports.SPECIAL_CASE);
        Element failure = elements(s, "failure").get(0);

        assertEquals("kvkit." + SampleReports.SPECIAL_CASE, elements(s, "testcase").get(0).getAttribute("classname"));
        assertEquals("expected <a & b> \"quoted\" 'single'", failure.getAttribute("message"));
        assertEquals(SampleReports.SPECIAL_MESSAGE, failure.getTextContent());
        assertEquals("core & more", elements(s, "property").get(0).getAttribute("value"));
    }

    @Test
    void controlCharactersAreWrittenAsEscapesSoTheXmlStaysWellFormed() throws Exception {
        Element failure = elements(xml(SampleReports.specialCharacters()).getDocumentElement(), "failure").get(1);

        assertEquals("candidate said \\u001b[31mred\\u0007", failure.getTextContent());
    }

    @Test
    void passedCheckMessageGoesToSystemOut() throws Exception {
        Element prefill = suite(xml(SampleReports.mixed()), "prefill_small");

        assertEquals(List.of("shape [1, 4, 8]", "max |sum - 1| = 2.0e-7"),
                elements(prefill, "system-out").stream().map(Element::getTextContent).toList());
    }
}
