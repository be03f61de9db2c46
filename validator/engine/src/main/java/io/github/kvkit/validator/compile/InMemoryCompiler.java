package io.github.kvkit.validator.compile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles one candidate source file with the JDK's compiler, entirely in memory: the source is read once,
 * class files are collected as bytes, nothing is written to disk.
 *
 * <p>Options: {@code -proc:none --release 17 -classpath <candidate class path> -encoding UTF-8 -Xlint:none -g},
 * and an empty source path, so nothing but the given file is compiled.
 *
 * <p>The file's name need not match its public class: javac only asks the source object whether it is
 * "name compatible" with a public class, and the in-memory source answers yes for the public top-level class
 * found by a light scan of the text (falling back to the file's own name), exactly as if the file were named
 * after it. The source object keeps the user's file name, so that stack traces of the compiled classes name
 * the user's file. A second public class still gets javac's usual error.
 */
public final class InMemoryCompiler {

    /** A bound for one compilation that only a pathological file should reach. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Supplier<JavaCompiler> compilerSource;

    /** Uses {@link ToolProvider#getSystemJavaCompiler()}. */
    public InMemoryCompiler() {
        this(ToolProvider::getSystemJavaCompiler);
    }

    /** For tests: a compiler source that may answer {@code null}, as on a JRE. */
    InMemoryCompiler(Supplier<JavaCompiler> compilerSource) {
        this.compilerSource = compilerSource;
    }

    /** {@link #compile(Path, CandidateClasspath, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public CompilationResult compile(Path sourceFile, CandidateClasspath classpath) throws IOException {
        return compile(sourceFile, classpath, DEFAULT_TIMEOUT);
    }

    /**
     * Compiles {@code sourceFile} (UTF-8) against {@code classpath}, within {@code timeout}.
     *
     * @return the classes, or a failure whose {@link CompilationResult#formattedErrors()} reads like javac's
     * output (a file that is not valid UTF-8 and a timeout are failures too, not exceptions)
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws IOException                        when it cannot be read
     * @throws CompilerUnavailableException       when this Java runtime has no compiler (a JRE)
     */
    public CompilationResult compile(Path sourceFile, CandidateClasspath classpath, Duration timeout)
            throws IOException {
        byte[] bytes = Files.readAllBytes(sourceFile);
        JavaCompiler compiler = compilerSource.get();
        if (compiler == null) {
            throw new CompilerUnavailableException(System.getProperty("java.home"));
        }
        String path = sourceFile.toString();
        Decoded decoded = decodeUtf8(bytes);
        String text = decoded.text();
        LineIndex lines = new LineIndex(text);
        if (decoded.errorOffset() >= 0) {
            int pos = decoded.errorOffset();
            int line = lines.lineOf(pos);
            CompilerMessage error = new CompilerMessage(Diagnostic.Kind.ERROR, path, line,
                    pos - lines.startOf(line) + 1,
                    String.format("unmappable character (0x%02X) for encoding UTF-8; save the file as UTF-8",
                            decoded.badByte()), lines.text(line));
            return new CompilationResult(false, Map.of(), List.of(error), false);
        }

        String fileName = sourceFile.getFileName() == null ? "Candidate.java" : sourceFile.getFileName().toString();
        String publicName = publicTopLevelName(text);
        if (publicName == null) {
            publicName = fileName.endsWith(".java") ? fileName.substring(0, fileName.length() - 5) : fileName;
        }
        String objectName = fileName.endsWith(".java") ? fileName : publicName + ".java";
        SourceObject source = new SourceObject(objectName, publicName, text);

        List<String> options = List.of("-proc:none", "--release", "17", "-classpath", classpath.asPathString(),
                "-encoding", "UTF-8", "-Xlint:none", "-g");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, byte[]> classes = Collections.synchronizedMap(new LinkedHashMap<>());

        FutureTask<Boolean> work = new FutureTask<>(() -> {
            StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                    StandardCharsets.UTF_8);
            try (MemoryFileManager files = new MemoryFileManager(standard, classes)) {
                standard.setLocation(StandardLocation.SOURCE_PATH, List.of());
                JavaCompiler.CompilationTask task = compiler.getTask(new StringWriter(), files, diagnostics,
                        options, null, List.of(source));
                task.setLocale(Locale.ROOT);
                return task.call();
            }
        });
        Thread thread = new Thread(work, "kvkit-javac");
        thread.setDaemon(true);
        thread.start();

        boolean accepted;
        try {
            accepted = Boolean.TRUE.equals(work.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            work.cancel(true);
            CompilerMessage error = new CompilerMessage(Diagnostic.Kind.ERROR, path, 0, 0,
                    "compilation did not finish within " + describe(timeout) + " and was abandoned", null);
            return new CompilationResult(false, Map.of(), List.of(error), true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof RuntimeException r && r.getCause() != null ? r.getCause()
                    : e.getCause();
            List<CompilerMessage> messages = new ArrayList<>(convert(diagnostics, source, path, lines));
            messages.add(new CompilerMessage(Diagnostic.Kind.ERROR, path, 0, 0,
                    "the Java compiler crashed on this file: " + cause, null));
            return new CompilationResult(false, Map.of(), messages, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compiling " + path, e);
        }

        List<CompilerMessage> messages = convert(diagnostics, source, path, lines);
        boolean success = accepted && messages.stream().noneMatch(CompilerMessage::isError);
        Map<String, byte[]> produced;
        synchronized (classes) {
            produced = success ? new LinkedHashMap<>(classes) : Map.of();
        }
        return new CompilationResult(success, produced, messages, false);
    }

    // ---------------------------------------------------------------------------------------------------
    // the public class scan

    private static final Pattern DECLARATION = Pattern.compile(
            "(?<![\\w$.@])((?:(?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp"
                    + "|@[\\w$.]+)\\s+)*)(class|interface|enum|record|@\\s*interface)\\s+"
                    + "(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)");
    private static final Pattern PUBLIC = Pattern.compile("(?<![\\w$-])public\\b");

    /**
     * The name of the first public top-level type declared in {@code source}, or {@code null}. Comments,
     * string/char literals and text blocks are ignored, and so are declarations inside braces.
     */
    static String publicTopLevelName(String source) {
        String code = blankCommentsAndLiterals(source);
        Matcher m = DECLARATION.matcher(code);
        int depth = 0;
        int scanned = 0;
        while (m.find()) {
            for (; scanned < m.start(); scanned++) {
                char c = code.charAt(scanned);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                }
            }
            if (depth == 0 && PUBLIC.matcher(m.group(1)).find()) {
                return m.group(3);
            }
        }
        return null;
    }

    /** The same text with comments and the contents of literals replaced by spaces (line breaks kept). */
    static String blankCommentsAndLiterals(String s) {
        StringBuilder out = new StringBuilder(s);
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            char next = i + 1 < n ? s.charAt(i + 1) : '\0';
            int end;
            if (c == '/' && next == '/') {
                end = i;
                while (end < n && s.charAt(end) != '\n' && s.charAt(end) != '\r') {
                    end++;
                }
            } else if (c == '/' && next == '*') {
                int close = s.indexOf("*/", i + 2);
                end = close < 0 ? n : close + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = i + 3;
                while (end < n && !s.startsWith("\"\"\"", end)) {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < n && s.charAt(end) != c && s.charAt(end) != '\n') {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                char ch = s.charAt(k);
                if (ch != '\n' && ch != '\r') {
                    out.setCharAt(k, ' ');
                }
            }
            i = end;
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------------
    // diagnostics

    private static List<CompilerMessage> convert(DiagnosticCollector<JavaFileObject> collected, SourceObject source,
                                                 String path, LineIndex lines) {
        List<CompilerMessage> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : collected.getDiagnostics()) {
            String message = simplifyNames(d.getMessage(Locale.ROOT));
            long pos = d.getPosition();
            if (d.getSource() == source && pos != Diagnostic.NOPOS && pos <= lines.length()) {
                int line = lines.lineOf((int) pos);
                out.add(new CompilerMessage(d.getKind(), path, line, pos - lines.startOf(line) + 1, message,
                        lines.text(line)));
            } else if (d.getSource() == source && d.getLineNumber() > 0) {
                int line = (int) d.getLineNumber();
                out.add(new CompilerMessage(d.getKind(), path, line, 0, message, lines.text(line)));
            } else {
                String where = d.getSource() == null || d.getSource() == source ? path : d.getSource().getName();
                out.add(new CompilerMessage(d.getKind(), where, 0, 0, message, null));
            }
        }
        return out;
    }

    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w$.])((?:[a-z_][\\w$]*\\.)+)([A-Z][\\w$]*)");

    /**
     * Javac's API hands out messages with fully qualified names ({@code java.lang.String cannot be converted
     * to int}); its command line prints simple names when they are unambiguous. Do the same: a qualified name
     * becomes its simple name unless another qualified name in the message has the same simple name.
     */
    static String simplifyNames(String message) {
        Matcher m = QUALIFIED.matcher(message);
        Map<String, String> qualifiedBySimple = new LinkedHashMap<>();
        java.util.Set<String> ambiguous = new java.util.HashSet<>();
        while (m.find()) {
            String previous = qualifiedBySimple.putIfAbsent(m.group(2), m.group());
            if (previous != null && !previous.equals(m.group())) {
                ambiguous.add(m.group(2));
            }
        }
        m.reset();
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String simple = m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(ambiguous.contains(simple) ? m.group() : simple));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Line starts of a text; lines end at {@code \n}, {@code \r\n} or {@code \r}, as for javac. */
    private static final class LineIndex {
        private final String text;
        private final int[] starts;

        LineIndex(String text) {
            this.text = text;
            List<Integer> s = new ArrayList<>();
            s.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                    s.add(i + 1);
                }
            }
            starts = s.stream().mapToInt(Integer::intValue).toArray();
        }

        int length() {
            return text.length();
        }

        /** 1-based line of a character offset. */
        int lineOf(int pos) {
            int lo = 0;
            int hi = starts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= pos) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo + 1;
        }

        int startOf(int line) {
            return starts[Math.max(0, Math.min(starts.length - 1, line - 1))];
        }

        /** The text of a 1-based line without its terminator, or null. */
        String text(int line) {
            if (line < 1 || line > starts.length) {
                return null;
            }
            int start = starts[line - 1];
            int end = line < starts.length ? starts[line] : text.length();
            while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                end--;
            }
            return text.substring(start, end);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // reading

    /** The decoded text (a leading BOM removed) and, if the bytes are not UTF-8, where that shows. */
    private record Decoded(String text, int errorOffset, int badByte) {
    }

    private static Decoded decodeUtf8(byte[] bytes) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = strict.decode(in, out, true);
        int errorOffset = -1;
        int badByte = 0;
        if (r.isError()) {
            out.flip();
            errorOffset = out.remaining();                        // chars decoded before the bad byte
            badByte = bytes[in.position()] & 0xFF;
            String lenient = new String(bytes, StandardCharsets.UTF_8);
            String prefix = out.toString();
            boolean bom = !prefix.isEmpty() && prefix.charAt(0) == '\uFEFF';
            return new Decoded(bom ? lenient.substring(1) : lenient, bom ? errorOffset - 1 : errorOffset, badByte);
        }
        strict.flush(out);
        out.flip();
        String text = out.toString();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return new Decoded(text, errorOffset, badByte);
    }

    // ---------------------------------------------------------------------------------------------------
    // in-memory file objects

    /** The candidate's text, name-compatible with its public class whatever the file is called. */
    private static final class SourceObject extends SimpleJavaFileObject {
        private final String publicName;
        private final String text;

        SourceObject(String fileName, String publicName, String text) {
            super(uri(fileName), Kind.SOURCE);
            this.publicName = publicName;
            this.text = text;
        }

        private static URI uri(String fileName) {
            try {
                return new URI("kvkit-source", null, "/" + fileName, null);
            } catch (URISyntaxException e) {
                return URI.create("kvkit-source:/Candidate.java");
            }
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            return kind == Kind.SOURCE && simpleName.equals(publicName);
        }
    }

    /** Keeps class files in the map; any other output is discarded. */
    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, byte[]> classes;

        MemoryFileManager(StandardJavaFileManager standard, Map<String, byte[]> classes) {
            super(standard);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(JavaFileManager.Location location, String className,
                                                   JavaFileObject.Kind kind, FileObject sibling) {
            return new OutputObject(className, kind, kind == JavaFileObject.Kind.CLASS ? classes : null);
        }

        @Override
        public FileObject getFileForOutput(JavaFileManager.Location location, String packageName,
                                           String relativeName, FileObject sibling) {
            return new OutputObject(packageName + "." + relativeName, JavaFileObject.Kind.OTHER, null);
        }
    }

    private static final class OutputObject extends SimpleJavaFileObject {
        private final String name;
        private final Map<String, byte[]> sink;

        OutputObject(String name, Kind kind, Map<String, byte[]> sink) {
            super(uri(name, kind), kind);
            this.name = name;
            this.sink = sink;
        }

        private static URI uri(String name, Kind kind) {
            try {
                return new URI("kvkit-output", null, "/" + name.replace('.', '/') + kind.extension, null);
            } catch (URISyntaxException e) {
                return URI.create("kvkit-output:/output" + kind.extension);
            }
        }

        @Override
        public OutputStream openOutputStream() {
            return new ByteArrayOutputStream() {
                @Override
                public void close() {
                    if (sink != null) {
                        sink.put(name, toByteArray());
                    }
                }
            };
        }
    }
}
