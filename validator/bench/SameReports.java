import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether JSON reports ({@code --json}) are identical apart from times: every {@code time_ms} field, at any
 * depth, is left out (docs/report.schema.json: the only time fields), everything else must match exactly,
 * in order. Run with {@code java validator/bench/SameReports.java FIRST.json OTHER.json...}: a single-file
 * program with nothing but the JDK (no jq, no python, no Jackson on a class path).
 *
 * <p>Exit 0 when every report equals the first; 1 otherwise, after listing for each differing report the
 * fields that differ (path and both values, up to 12); 2 on a file that cannot be read or parsed.
 */
public final class SameReports {

    /** Fields that hold times: the report's and each test's wall time. */
    private static final Set<String> TIMES = Set.of("time_ms");
    /** How many differences are shown per report. */
    private static final int SHOWN = 12;

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: java SameReports.java FIRST.json [OTHER.json...]");
            System.exit(2);
        }
        Object first = read(Path.of(args[0]));
        int differing = 0;
        for (int i = 1; i < args.length; i++) {
            List<String> found = new ArrayList<>();
            differences("$", first, read(Path.of(args[i])), found);
            if (!found.isEmpty()) {
                differing++;
                System.out.println(args[i] + " differs from " + args[0] + ":");
                found.forEach(d -> System.out.println("  " + d));
            }
        }
        System.out.println(args.length + " reports, " + (args.length - differing) + " identical to the first apart from "
                + "time_ms" + (differing == 0 ? "" : ", " + differing + " different"));
        System.exit(differing == 0 ? 0 : 1);
    }

    private static Object read(Path file) {
        try {
            return withoutTimes(new Parser(Files.readString(file, StandardCharsets.UTF_8)).document());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println(file + ": " + e.getMessage());
            System.exit(2);
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Object withoutTimes(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> {
                if (!TIMES.contains(k)) {
                    out.put(k, withoutTimes(v));
                }
            });
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(withoutTimes(v)));
            return out;
        }
        return node;
    }

    /** Up to {@link #SHOWN} differences, each "path: a vs b"; tests and checks are named by their "name" field. */
    private static void differences(String path, Object a, Object b, List<String> out) {
        if (out.size() >= SHOWN) {
            return;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (!List.copyOf(ma.keySet()).equals(List.copyOf(mb.keySet()))) {
                out.add(path + ": fields " + ma.keySet() + " vs " + mb.keySet());
                return;
            }
            for (Object k : ma.keySet()) {
                differences(path + "." + k, ma.get(k), mb.get(k), out);
            }
            return;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
                Object name = la.get(i) instanceof Map<?, ?> m ? m.get("name") : null;
                differences(path + "[" + (name instanceof String s ? s : String.valueOf(i)) + "]", la.get(i), lb.get(i), out);
            }
            if (la.size() != lb.size()) {
                out.add(path + ": " + la.size() + " entries vs " + lb.size());
            }
            return;
        }
        if (!Objects.equals(a, b)) {
            out.add(path + ": " + show(a) + " vs " + show(b));
        }
    }

    private static String show(Object v) {
        return v instanceof String s ? '"' + s + '"' : String.valueOf(v);
    }

    /** JSON (RFC 8259) to Map (ordered), List, String, BigDecimal (numbers as written), Boolean and null. */
    private static final class Parser {
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            space();
            if (at != s.length()) {
                throw error("text after the JSON value");
            }
            return v;
        }

        private Object value() {
            space();
            if (at >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(at);
            switch (c) {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': return word("true", Boolean.TRUE);
                case 'f': return word("false", Boolean.FALSE);
                case 'n': return word("null", null);
                default: return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            at++;
            space();
            if (peek() == '}') {
                at++;
                return m;
            }
            while (true) {
                space();
                String key = string();
                space();
                expect(':');
                m.put(key, value());
                space();
                if (peek() == ',') {
                    at++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }

        private List<Object> array() {
            List<Object> l = new ArrayList<>();
            at++;
            space();
            if (peek() == ']') {
                at++;
                return l;
            }
            while (true) {
                l.add(value());
                space();
                if (peek() == ',') {
                    at++;
                } else {
                    expect(']');
                    return l;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (at >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(at++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(at++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> b.append(e);     // \" \\ \/
                }
            }
        }

        private Object number() {
            int start = at;
            while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                throw error("unexpected '" + s.charAt(at) + "'");
            }
            return new java.math.BigDecimal(s.substring(start, at));
        }

        private Object word(String w, Object v) {
            if (!s.startsWith(w, at)) {
                throw error("unexpected '" + s.charAt(at) + "'");
            }
            at += w.length();
            return v;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private char peek() {
            return at < s.length() ? s.charAt(at) : '\0';
        }

        private void space() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("not valid JSON at character " + at + ": " + what);
        }
    }
}
