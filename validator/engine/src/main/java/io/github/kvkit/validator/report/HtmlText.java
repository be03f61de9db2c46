package io.github.kvkit.validator.report;

import java.util.Locale;

/**
 * Text and numbers for the HTML page of diagnose. Everything on the page that did not come from the page's own
 * code (a student's file name, a sign's text, a hint) goes through {@link #escape}: a file name is hostile input.
 */
final class HtmlText {

    private HtmlText() {
    }

    /**
     * {@code text} safe in HTML element content and in a quoted attribute: markup characters and both quotes become
     * character references, and control characters (which XML 1.0 mostly cannot carry, and which could drive a
     * terminal the page is printed to) become {@code \}{@code uXXXX}, so the page stays well-formed XML as well as
     * HTML. Null becomes empty.
     */
    static String escape(String text) {
        String safe = Text.xmlSafe(Text.printable(Text.orEmpty(text)));
        StringBuilder sb = new StringBuilder(safe.length() + 16);
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A value on a legend or an axis: three significant digits, {@code NaN}, {@code +Inf} or {@code -Inf}. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String s = a >= 1e-3 && a < 1e4 ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.2e", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** A coordinate in SVG: at most one decimal. */
    static String px(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
    }
}
