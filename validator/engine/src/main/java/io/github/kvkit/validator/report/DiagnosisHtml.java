package io.github.kvkit.validator.report;

import io.github.kvkit.validator.diagnose.CaseView;
import io.github.kvkit.validator.diagnose.Diagnosis;
import io.github.kvkit.validator.diagnose.FixTrial;
import io.github.kvkit.validator.diagnose.Hint;
import io.github.kvkit.validator.diagnose.NamedBug;
import io.github.kvkit.validator.observe.ErrorProfile;
import io.github.kvkit.validator.observe.Figure;
import io.github.kvkit.validator.observe.Heatmap;
import io.github.kvkit.validator.observe.Sign;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The page of {@code kvkit diagnose --html}: the bugs diagnose names with their hints, the signs no bug explains,
 * and for each failing case its figures, the candidate's matrices beside the reference's. One self-contained file
 * (inline CSS, inline SVG, no script, nothing fetched), so a student can open it from a zip or a CI artifact, and
 * well-formed XML as well as HTML. All text from outside (file name, sign texts, hints) is escaped: a file name is
 * hostile input.
 *
 * <p>The page stays small whatever the run: at most {@link #MAX_FIGURES_PER_CASE} figures per case,
 * {@link #MAX_HEATMAPS_PER_FIGURE} heatmaps per figure, {@link CellGrid#MAX_SIDE} cells a side per heatmap,
 * {@link ErrorProfileSvg#MAX_BARS} bars per chart, and {@link #MAX_PAGE_CELLS} heatmap cells in all; the page
 * says what it left out.
 */
public final class DiagnosisHtml {

    /** Figures drawn per failing case; a track lists the deviating calls first. */
    public static final int MAX_FIGURES_PER_CASE = 6;
    /** Heatmaps drawn per figure (a head each, for kv-attention). */
    public static final int MAX_HEATMAPS_PER_FIGURE = 16;
    /** Heatmap cells drawn on the whole page, about 10 bytes each. */
    public static final long MAX_PAGE_CELLS = 500_000;

    private static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 24px; color: #222; background: #fff; }
            h1 { margin: 0 0 4px 0; }
            h2 { border-bottom: 1px solid #ccc; padding-bottom: 4px; margin-top: 32px; }
            code { background: #f3f3f3; padding: 1px 4px; border-radius: 3px; }
            .score { font-size: 1.2em; font-weight: bold; }
            .bug { border: 1px solid #ddd; border-left: 6px solid #d62728; padding: 8px 16px; margin: 12px 0; }
            .bug h3 { margin: 4px 0; }
            .confidence { font-weight: normal; color: #555; font-size: 0.85em; }
            .meter { background: #eee; width: 240px; height: 8px; }
            .meter div { background: #d62728; height: 8px; }
            .hints li { margin: 6px 0; }
            .level { font-weight: bold; }
            .signs li { margin: 3px 0; }
            .pass { color: #2e7d32; }
            .fail { color: #c62828; }
            .case { border-top: 2px solid #c62828; margin-top: 24px; }
            .figure { margin: 16px 0 24px 0; }
            .triple { display: flex; flex-wrap: wrap; gap: 12px; }
            .heatmap h5 { margin: 8px 0 2px 0; }
            .note { color: #555; font-size: 0.9em; margin: 4px 0; }
            .nonfinite { color: #ff00ff; }
            svg text { font-family: system-ui, sans-serif; font-size: 11px; fill: #222; }
            svg text.label { font-size: 12px; font-weight: bold; }
            svg text.axis { font-size: 11px; fill: #444; }
            table { border-collapse: collapse; }
            td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: left; }
            """;

    private DiagnosisHtml() {
    }

    /**
     * Writes the page to {@code file} in UTF-8, atomically, as {@link Reports#writeFile} writes reports.
     *
     * @throws IOException when the directory cannot be created or the file cannot be written or moved
     */
    public static void write(Diagnosis d, Path file) throws IOException {
        String page = render(d);
        Reports.writeAtomically(file, out -> out.write(page));
    }

    /** The page as a string. */
    public static String render(Diagnosis d) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>kvkit diagnose: ").append(HtmlText.escape(d.source())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<header>\n<h1>kvkit diagnose</h1>\n<p>Track <b>").append(HtmlText.escape(d.track()))
                .append("</b>, file <code class=\"source\">").append(HtmlText.escape(d.source()))
                .append("</code></p>\n")
                .append("<p class=\"score\">").append(HtmlText.escape(Text.scoreLine(d.score(), d.maxScore())))
                .append("</p>\n</header>\n");
        if (d.allPassed()) {
            html.append("<p>Every case passed: nothing to diagnose.</p>\n");
        }
        bugs(html, d);
        unexplained(html, d);
        fixes(html, d.fixes());
        cases(html, d);
        return html.append("</body>\n</html>\n").toString();
    }

    private static void bugs(StringBuilder html, Diagnosis d) {
        if (d.bugs().isEmpty() && d.allPassed()) {
            return;
        }
        html.append("<section class=\"bugs\">\n<h2>Bugs probably still in the file</h2>\n");
        if (d.bugs().isEmpty()) {
            html.append("<p>No catalogued bug matches what was seen: see the signs below.</p>\n");
        }
        for (NamedBug bug : d.bugs()) {
            long percent = Math.round(Math.max(0, Math.min(1, bug.confidence())) * 100);
            html.append("<article class=\"bug\">\n<h3>").append(HtmlText.escape(bug.id()))
                    .append(" <span class=\"confidence\">confidence ").append(percent).append("%</span></h3>\n")
                    .append("<div class=\"meter\"><div style=\"width: ").append(percent).append("%\"></div></div>\n");
            // the title gives the fix away: shown only with the hint that does (NamedBug)
            if (bug.hints().stream().anyMatch(h -> h.level() == Hint.MAX_LEVEL)) {
                html.append("<p class=\"title\">").append(HtmlText.escape(bug.title())).append("</p>\n");
            }
            if (!bug.explains().isEmpty()) {
                html.append("<p>It explains what was seen:</p>\n");
                signs(html, bug.explains());
            }
            if (!bug.hints().isEmpty()) {
                html.append("<ol class=\"hints\">\n");
                for (Hint h : bug.hints()) {
                    html.append("<li><span class=\"level\">Hint ").append(h.level()).append(", ")
                            .append(levelName(h.level())).append(":</span> ").append(HtmlText.escape(h.text()))
                            .append("</li>\n");
                }
                html.append("</ol>\n");
            }
            html.append("</article>\n");
        }
        html.append("</section>\n");
    }

    private static String levelName(int level) {
        return switch (level) {
            case 1 -> "the symptom";
            case 2 -> "where to look";
            default -> "the fix";
        };
    }

    private static void unexplained(StringBuilder html, Diagnosis d) {
        if (d.unexplained().isEmpty()) {
            return;
        }
        html.append("<section class=\"unexplained\">\n<h2>Signs no catalogued bug explains</h2>\n");
        signs(html, d.unexplained());
        html.append("</section>\n");
    }

    /** Signs listed per bug and unexplained; the JSON lists them all. */
    static final int SIGNS_SHOWN = 12;

    private static void signs(StringBuilder html, List<Sign> signs) {
        html.append("<ul class=\"signs\">\n");
        for (Sign s : signs.subList(0, Math.min(SIGNS_SHOWN, signs.size()))) {
            html.append("<li title=\"").append(HtmlText.escape(s.key())).append("\">").append(HtmlText.escape(s.text()))
                    .append("</li>\n");
        }
        if (signs.size() > SIGNS_SHOWN) {
            html.append("<li>... and ").append(signs.size() - SIGNS_SHOWN).append(" more (--json lists them all)</li>\n");
        }
        html.append("</ul>\n");
    }

    private static void fixes(StringBuilder html, List<FixTrial> fixes) {
        if (fixes.isEmpty()) {
            return;
        }
        html.append("<section class=\"fixes\">\n<h2>Fixes tried on a copy of the file</h2>\n<table>\n")
                .append("<tr><th>bug</th><th>line</th><th>score before</th><th>score after</th><th></th></tr>\n");
        for (FixTrial f : fixes) {
            html.append("<tr><td>").append(HtmlText.escape(f.bugId())).append("</td><td>").append(f.line())
                    .append("</td><td>").append(Text.num(f.before())).append("</td><td>").append(Text.num(f.after()))
                    .append("</td><td>").append(f.helps() ? "helps" : "does not help").append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void cases(StringBuilder html, Diagnosis d) {
        if (d.cases().isEmpty()) {
            return;
        }
        html.append("<section class=\"cases\">\n<h2>Cases</h2>\n<ul class=\"caselist\">\n");
        for (CaseView c : d.cases()) {
            html.append("<li class=\"").append(c.failed() ? "fail\">✗ " : "pass\">✓ ")
                    .append(HtmlText.escape(c.name()))
                    .append(c.failed() ? ": failed" : ": passed").append("</li>\n");
        }
        html.append("</ul>\n");
        if (d.cases().stream().anyMatch(c -> c.failed() && !c.figures().isEmpty())) {
            html.append("<p class=\"note\">Each heatmap shows the candidate's matrix, the reference's and their "
                    + "difference. The candidate and the reference share one colour scale (dark low, yellow high; "
                    + "its ends are under each panel); the difference is white at 0, red where the candidate is "
                    + "higher, blue where it is lower. <span class=\"nonfinite\">Magenta</span> marks values that "
                    + "are not finite.</p>\n");
        }
        long[] cellsLeft = {MAX_PAGE_CELLS};
        for (CaseView c : d.cases()) {
            if (c.failed()) {
                failingCase(html, c, cellsLeft);
            }
        }
        html.append("</section>\n");
    }

    private static void failingCase(StringBuilder html, CaseView c, long[] cellsLeft) {
        html.append("<section class=\"case\">\n<h3>Case ").append(HtmlText.escape(c.name())).append(": failed</h3>\n");
        if (!c.signs().isEmpty()) {
            signs(html, c.signs());
        }
        List<Figure> figures = c.figures();
        int drawn = Math.min(figures.size(), MAX_FIGURES_PER_CASE);
        for (Figure f : figures.subList(0, drawn)) {
            figure(html, f, cellsLeft);
        }
        if (figures.size() > drawn) {
            int left = figures.size() - drawn;
            html.append("<p class=\"note\">").append(left).append(" more figure").append(left == 1 ? "" : "s")
                    .append(" of this case ").append(left == 1 ? "is" : "are").append(" not drawn: the page draws the "
                            + "first ").append(MAX_FIGURES_PER_CASE).append(" of each case.</p>\n");
        }
        html.append("</section>\n");
    }

    private static void figure(StringBuilder html, Figure f, long[] cellsLeft) {
        html.append("<div class=\"figure\">\n<h4>").append(HtmlText.escape(f.title())).append("</h4>\n");
        List<Heatmap> maps = f.heatmaps();
        int drawn = 0;
        int overBudget = 0;
        for (Heatmap h : maps.subList(0, Math.min(maps.size(), MAX_HEATMAPS_PER_FIGURE))) {
            long cost = HeatmapSvg.cells(h);
            if (cost > cellsLeft[0]) {
                overBudget++;
                continue;
            }
            cellsLeft[0] -= cost;
            html.append(HeatmapSvg.render(h));
            drawn++;
        }
        if (maps.size() > MAX_HEATMAPS_PER_FIGURE) {
            html.append("<p class=\"note\">").append(maps.size() - MAX_HEATMAPS_PER_FIGURE).append(" more heatmaps "
                    + "of this figure are not drawn: the page draws the first ").append(MAX_HEATMAPS_PER_FIGURE)
                    .append(".</p>\n");
        }
        if (overBudget > 0) {
            html.append("<p class=\"note\">").append(overBudget).append(" heatmap")
                    .append(overBudget == 1 ? " is" : "s are")
                    .append(" not drawn: the page has reached its size limit (").append(MAX_PAGE_CELLS)
                    .append(" cells); ").append(drawn).append(" drawn here.</p>\n");
        }
        for (ErrorProfile p : f.errors()) {
            html.append(ErrorProfileSvg.render(p));
        }
        html.append("</div>\n");
    }
}
