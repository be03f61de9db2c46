package io.github.kvkit.validator.run;

import io.github.kvkit.validator.sandbox.Sandbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child JVM being started on a background thread ({@link ChildLauncher}), until it has loaded ND4J and is
 * ready: so the next child loads ND4J while the validator compiles the candidate or runs a case.
 */
final class Launch {
    /** Where the child works: a runner that takes the launch over uses it for its candidate's classes. */
    final WorkDir dir;
    private final CompletableFuture<ChildJvm> ready = new CompletableFuture<>();
    private volatile boolean abandoned;

    private Launch(WorkDir dir) {
        this.dir = dir;
    }

    /** Starts a child JVM in {@code dir}, in {@code sandbox}, in the background, and returns at once. */
    static Launch start(RunLimits limits, Sandbox sandbox, WorkDir dir) {
        Launch launch = new Launch(dir);
        Thread t = new Thread(() -> {
            try {
                ChildJvm c = ChildLauncher.start(limits, sandbox, dir);
                if (launch.abandoned) {
                    c.kill();
                }
                launch.ready.complete(c);
            } catch (StartFailure | RuntimeException e) {
                launch.ready.completeExceptionally(e);
            }
        }, "kvkit-child-launch");
        t.setDaemon(true);
        t.start();
        return launch;
    }

    /** The started child, waiting for it a little longer than the start timeout it was given. */
    ChildJvm await(RunLimits limits) throws StartFailure {
        try {
            return ready.get(limits.startTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StartFailure f ? f : new StartFailure(String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            abandon();
            throw new StartFailure("it did not start within " + RunLimits.formatDuration(limits.startTimeout()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new StartFailure("interrupted");
        }
    }

    /** Kills the child once it is started, or now if it is. */
    void abandon() {
        abandoned = true;
        ready.thenAccept(ChildJvm::kill);
    }
}
