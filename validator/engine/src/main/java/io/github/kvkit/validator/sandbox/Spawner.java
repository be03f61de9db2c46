package io.github.kvkit.validator.sandbox;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts every child process from one thread that lives as long as the validator. Bubblewrap's
 * {@code --die-with-parent} and setpriv's {@code --pdeathsig} kill the child when the thread that started it
 * ends, not the process: started from a short-lived thread (a background launch), the child would be killed at
 * once.
 */
final class Spawner {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kvkit-process-spawner");
        t.setDaemon(true);
        return t;
    });

    private Spawner() {
    }

    static Process start(ProcessBuilder pb) throws IOException {
        Future<Process> started = THREAD.submit(pb::start);
        try {
            return started.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.cancel(false);
            throw new IOException("interrupted while starting a process", e);
        }
    }
}
