package io.github.kvkit.validator.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point: {@code mvn exec:java -Dexec.args="--file Candidate.java"}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = Cli.create(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
