package io.github.kvkit.validator.run;

import io.github.kvkit.validator.sandbox.SandboxMode;
import io.github.kvkit.validator.sandbox.SandboxUnavailable;
import io.github.kvkit.validator.sandbox.Sandboxes;
import org.junit.jupiter.api.Assumptions;

import java.util.List;

/**
 * The sandboxes the tests run candidates in. {@link #AUTO} is what a student gets: bubblewrap where it works (CI
 * installs it), else the plain child. Tests of one mechanism skip where it cannot run, and say so on stderr, since a
 * skipped test is easy to miss in Maven's summary.
 */
public final class TestSandboxes {

    /** Nothing to protect: the tests' files are not secret. */
    static final Sandboxes.Protected NOTHING = new Sandboxes.Protected(List.of(), List.of());

    public static final Sandboxes.Choice AUTO = choose(SandboxMode.AUTO);

    private TestSandboxes() {
    }

    /** Bubblewrap, or the calling test is skipped with a message saying why. */
    static Sandboxes.Choice bubblewrap() {
        return requireOrSkip(SandboxMode.BUBBLEWRAP);
    }

    /** The throwaway-user fallback (root only), or the calling test is skipped with a message saying why. */
    static Sandboxes.Choice setpriv() {
        return requireOrSkip(SandboxMode.SETPRIV);
    }

    private static Sandboxes.Choice requireOrSkip(SandboxMode mode) {
        try {
            return Sandboxes.choose(mode, ChildFiles::all, NOTHING);
        } catch (SandboxUnavailable e) {
            System.err.println("SKIPPED: a sandbox test needs " + mode + ": " + e.getMessage());
            Assumptions.abort(e.getMessage());
            throw new AssertionError("unreachable");
        }
    }

    private static Sandboxes.Choice choose(SandboxMode mode) {
        try {
            Sandboxes.Choice c = Sandboxes.choose(mode, ChildFiles::all, NOTHING);
            if (!c.warning().isEmpty()) {
                System.err.println("NOTE: the isolation tests run without a sandbox: " + c.warning());
            }
            return c;
        } catch (SandboxUnavailable e) {
            throw new IllegalStateException(e);
        }
    }
}
