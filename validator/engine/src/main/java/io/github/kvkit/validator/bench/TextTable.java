package io.github.kvkit.validator.bench;

import java.io.PrintWriter;
import java.util.List;

/** A {@link BenchFigures} table as aligned text columns. */
final class TextTable {

    private TextTable() {
    }

    static void write(BenchFigures f, PrintWriter out) {
        int[] widths = new int[f.columns().size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = f.columns().get(c).length();
            for (List<String> row : f.rows()) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        out.println(line(f.columns(), widths));
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append(rule.length() == 0 ? "" : "  ").append("-".repeat(w));
        }
        out.println(rule);
        for (List<String> row : f.rows()) {
            out.println(line(row, widths));
        }
        f.notes().forEach(out::println);
        out.flush();
    }

    /** The first column left-aligned (a label), the others right-aligned (numbers). */
    private static String line(List<String> cells, int[] widths) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            s.append(c == 0 ? "" : "  ").append(c == 0 ? cell + pad : pad + cell);
        }
        return s.toString().stripTrailing();
    }
}
