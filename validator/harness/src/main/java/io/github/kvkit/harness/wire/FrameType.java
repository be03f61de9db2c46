package io.github.kvkit.harness.wire;

/** What a frame says. */
public enum FrameType {
    /** child: connected (the first frame; its nonce authenticates the child). */
    HELLO,
    /** child: ND4J is loaded, ready for work. */
    READY,
    /** parent: the track harness's class name, the candidate's class name and the binary names of all its classes. */
    INIT,
    /** parent: initialize the candidate class and construct it once with its contract's probe arguments. */
    PROBE,
    /** child: the probe's static initialization finished; the constructor runs next. */
    PROBE_INITIALIZED,
    /** child: how the probe ended. */
    PROBE_RESULT,
    /** parent: the calls of one case. */
    CASE,
    /**
     * child: the outcome of one call: its index, the outcome, an out-of-memory message or null, and how long
     * the candidate's method took in nanoseconds (-1 if not measured).
     */
    OUTCOME,
    /** child: every call of the case was made. */
    CASE_DONE,
    /** child (shutdown hook): the JVM is exiting, and what was running. */
    EXITING,
    /** parent: stop now. */
    DONE,
    /** child: the harness itself failed (not the candidate); payload = description. */
    FAILED
}

