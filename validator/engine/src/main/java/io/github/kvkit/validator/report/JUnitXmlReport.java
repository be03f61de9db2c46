package io.github.kvkit.validator.report;

import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.Status;
import io.github.kvkit.validator.result.ValidationReport;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as JUnit XML, the format Jenkins, GitLab and GitHub test reporters read.
 *
 * <ul>
 *   <li>{@code <testsuites name="kvkit">} with the totals {@code tests}, {@code failures}, {@code errors},
 *       {@code time};</li>
 *   <li>one {@code <testsuite>} per case, named after it, with {@code <properties>} {@code category},
 *       {@code visibility}, {@code score}, {@code max_score}, {@code status} (and {@code reason} when there is
 *       one);</li>
 *   <li>in it one {@code <testcase classname="kvkit.<case>" name="<check>">} per check. A failed check of a
 *       passed/failed case holds {@code <failure type="check_failed">}; every check of a case with any other
 *       status holds {@code <error type="<status id>">} carrying the case's reason. A passed check's message goes in
 *       {@code <system-out>}. A case without checks gets one testcase named {@code run}.</li>
 *   <li>When the cases did not run (outcome {@code compile_error}, {@code contract_error} or {@code setup_error}),
 *       a first suite {@code candidate} holds one testcase {@code compile}, {@code contract} or {@code setup} with
 *       an {@code <error type="<outcome id>">} carrying the message (the compiler's diagnostics, say), followed by
 *       the cases as above (they did not run, so they are errors too), which keeps the counts right.</li>
 * </ul>
 *
 * <p>A {@code message} attribute holds the first line of the message; the element's text holds all of it (XML
 * would fold line breaks in an attribute into spaces). Characters XML 1.0 cannot carry are written as
 * {@code \}{@code uXXXX}. Times are seconds with 3 decimals; checks are not timed separately, so a case's time is
 * split evenly over its testcases. Messages of hidden cases are included in full: this is a grader's format.
 */
public final class JUnitXmlReport implements ReportFormat {

    private enum Kind { PASSED, FAILURE, ERROR }

    /** One {@code <testcase>}: what it is called, how it ended, and the text to show. */
    private record Row(String name, Kind kind, String type, String message, String output) {
    }

    /** One {@code <testsuite>}. */
    private record Suite(String name, Map<String, String> properties, List<Row> rows, long millis) {
        long count(Kind kind) {
            return rows.stream().filter(r -> r.kind == kind).count();
        }
    }

    @Override
    public void write(ValidationReport r, Writer out) throws IOException {
        List<Suite> suites = suites(r);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            newline(xml, 0);
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "kvkit");
            xml.writeAttribute("tests", Long.toString(suites.stream().mapToLong(s -> s.rows.size()).sum()));
            xml.writeAttribute("failures", Long.toString(suites.stream().mapToLong(s -> s.count(Kind.FAILURE)).sum()));
            xml.writeAttribute("errors", Long.toString(suites.stream().mapToLong(s -> s.count(Kind.ERROR)).sum()));
            xml.writeAttribute("time", Text.seconds(r.millis()));
            for (Suite s : suites) {
                writeSuite(xml, s);
            }
            newline(xml, 0);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close(); // does not close the underlying writer
        } catch (XMLStreamException e) {
            throw new IOException("could not write the JUnit XML report", e);
        }
        out.write('\n');
        out.flush();
    }

    private static List<Suite> suites(ValidationReport r) {
        List<Suite> suites = new ArrayList<>();
        if (r.outcome() != Outcome.RAN) {
            String name = r.outcome().id().replace("_error", "");
            String message = r.message().isBlank() ? r.outcome().id() : r.message();
            suites.add(new Suite("candidate", Map.of(),
                    List.of(new Row(name, Kind.ERROR, r.outcome().id(), message, "")), 0));
        }
        for (CaseResult c : r.tests()) {
            suites.add(suite(c));
        }
        return suites;
    }

    private static Suite suite(CaseResult c) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("category", Text.orEmpty(c.category()));
        props.put("visibility", c.visibility().id());
        props.put("score", Text.plain(c.score(), 4));
        props.put("max_score", Text.plain(c.maxScore(), 4));
        props.put("status", c.status().id());
        if (!c.reason().isBlank()) {
            props.put("reason", c.reason());
        }
        boolean verdict = Text.isVerdict(c.status());
        String reason = c.reason().isBlank() ? c.status().id() : c.reason();
        List<Row> rows = new ArrayList<>();
        for (CheckResult k : c.checks()) {
            String name = Text.orEmpty(k.name());
            String message = Text.orEmpty(k.message());
            if (!verdict) {
                String text = message.isBlank() ? reason : reason + "\n\n" + name + ": " + message;
                rows.add(new Row(name, Kind.ERROR, c.status().id(), text, ""));
            } else if (!k.passed()) {
                rows.add(new Row(name, Kind.FAILURE, "check_failed", message.isBlank() ? "check failed" : message, ""));
            } else {
                rows.add(new Row(name, Kind.PASSED, "", "", message));
            }
        }
        if (rows.isEmpty()) {
            Kind kind = !verdict ? Kind.ERROR : c.status() == Status.FAILED ? Kind.FAILURE : Kind.PASSED;
            String type = kind == Kind.ERROR ? c.status().id() : "case_failed";
            rows.add(new Row("run", kind, type, kind == Kind.PASSED ? "" : reason, ""));
        }
        return new Suite(Text.orEmpty(c.name()), props, rows, c.millis());
    }

    private static void writeSuite(XMLStreamWriter xml, Suite s) throws XMLStreamException {
        newline(xml, 1);
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", Text.xmlSafe(s.name));
        xml.writeAttribute("tests", Integer.toString(s.rows.size()));
        xml.writeAttribute("failures", Long.toString(s.count(Kind.FAILURE)));
        xml.writeAttribute("errors", Long.toString(s.count(Kind.ERROR)));
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", Text.seconds(s.millis));
        if (!s.properties.isEmpty()) {
            newline(xml, 2);
            xml.writeStartElement("properties");
            for (Map.Entry<String, String> p : s.properties.entrySet()) {
                newline(xml, 3);
                xml.writeEmptyElement("property");
                xml.writeAttribute("name", p.getKey());
                xml.writeAttribute("value", Text.xmlSafe(p.getValue()));
            }
            newline(xml, 2);
            xml.writeEndElement();
        }
        String caseTime = Text.seconds(s.millis / s.rows.size());
        for (Row row : s.rows) {
            newline(xml, 2);
            boolean hasChild = row.kind != Kind.PASSED || !row.output.isBlank();
            if (hasChild) {
                xml.writeStartElement("testcase");
            } else {
                xml.writeEmptyElement("testcase");
            }
            xml.writeAttribute("classname", Text.xmlSafe("kvkit." + s.name));
            xml.writeAttribute("name", Text.xmlSafe(row.name));
            xml.writeAttribute("time", caseTime);
            if (row.kind != Kind.PASSED) {
                newline(xml, 3);
                xml.writeStartElement(row.kind == Kind.FAILURE ? "failure" : "error");
                xml.writeAttribute("message", Text.xmlSafe(Text.firstLine(row.message)));
                xml.writeAttribute("type", row.type);
                xml.writeCharacters(Text.xmlSafe(row.message));
                xml.writeEndElement();
            }
            if (!row.output.isBlank()) {
                newline(xml, 3);
                xml.writeStartElement("system-out");
                xml.writeCharacters(Text.xmlSafe(row.output));
                xml.writeEndElement();
            }
            if (hasChild) {
                newline(xml, 2);
                xml.writeEndElement();
            }
        }
        newline(xml, 1);
        xml.writeEndElement();
    }

    private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }
}
