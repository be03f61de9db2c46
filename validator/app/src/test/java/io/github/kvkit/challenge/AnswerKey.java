package io.github.kvkit.challenge;

import java.util.List;
import java.util.stream.Collectors;

/** Renders a catalog as the bug and decoy sections of its track's {@code docs/instructor/TRACK/answer-key.md}. */
final class AnswerKey {

    static final String SECTION = "answer key";

    private AnswerKey() {
    }

    static String render(Catalog catalog) {
        StringBuilder out = new StringBuilder();
        out.append("## Bugs at a glance\n\n");
        out.append("| id | title | category | difficulty | challenge line | caught by |\n|---|---|---|---|--:|---|\n");
        for (Catalog.Bug b : catalog.bugs()) {
            out.append("| ").append(b.id()).append(" | ").append(b.title()).append(" | ").append(b.category())
                    .append(b.nd4jSpecific() ? " (ND4J)" : "").append(" | ").append(b.difficulty()).append(" | ")
                    .append(b.location().line()).append(" | ").append(checks(b.caughtBy())).append(" |\n");
        }
        out.append("\n## Decoys at a glance\n\n");
        out.append("| id | title | kind | challenge line | the tempting fix fails |\n|---|---|---|--:|---|\n");
        for (Catalog.Decoy d : catalog.decoys()) {
            out.append("| ").append(d.id()).append(" | ").append(d.title()).append(" | ").append(d.kind())
                    .append(" | ").append(d.location().line()).append(" | ").append(checks(d.caughtBy())).append(" |\n");
        }
        out.append("\n## The bugs\n");
        for (Catalog.Bug b : catalog.bugs()) {
            out.append("\n### ").append(b.id()).append(" · ").append(b.title()).append("\n\n");
            out.append("- **Slug:** `").append(b.slug()).append("` · **category:** ").append(b.category())
                    .append(b.nd4jSpecific() ? " (ND4J-specific)" : "").append(" · **difficulty:** ")
                    .append(b.difficulty()).append('\n');
            out.append("- **Where:** `").append(b.location().method()).append("`, challenge line ")
                    .append(b.location().line()).append(" (").append(b.location().hint()).append(")\n");
            out.append("- **Caught by:** ").append(checks(b.caughtBy())).append("\n\n");
            out.append("In the challenge:\n\n").append(code(b.buggy()));
            out.append("\nThe fix, as in the solution:\n\n").append(code(b.fixed()));
            out.append("\n**Why it is wrong.** ").append(b.why()).append("\n\n");
            out.append("**What the student sees.** ").append(b.symptom()).append('\n');
        }
        out.append("\n## The decoys\n");
        for (Catalog.Decoy d : catalog.decoys()) {
            out.append("\n### ").append(d.id()).append(" · ").append(d.title()).append("\n\n");
            out.append("- **Slug:** `").append(d.slug()).append("` · **kind:** ").append(d.kind()).append('\n');
            out.append("- **Where:** `").append(d.location().method()).append("`, challenge line ")
                    .append(d.location().line()).append(" (").append(d.location().hint()).append(")\n");
            out.append("- **The tempting fix fails:** ").append(checks(d.caughtBy())).append("\n\n");
            out.append("In both files:\n\n").append(code(d.snippet()));
            if (d.comment() != null) {
                out.append("\nThe challenge's comment:\n\n").append(code(d.comment().challenge()));
                out.append("\nThe solution's comment:\n\n").append(code(d.comment().solution()));
            }
            out.append("\nThe tempting fix:\n\n")
                    .append(d.temptingFix().isEmpty() ? "(delete the snippet)\n" : code(d.temptingFix()));
            out.append("\n**Why the code is right.** ").append(d.whyRight()).append('\n');
        }
        return out.toString();
    }

    private static String checks(List<String> names) {
        return names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
    }

    /** A Java code block; continuation lines lose the indentation they share (the first line has none). */
    private static String code(String snippet) {
        String[] lines = snippet.strip().split("\n", -1);
        int common = Integer.MAX_VALUE;
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                common = Math.min(common, lines[i].length() - lines[i].stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder("```java\n").append(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            out.append(lines[i].isBlank() ? "" : lines[i].substring(common)).append('\n');
        }
        return out.append("```\n").toString();
    }
}
