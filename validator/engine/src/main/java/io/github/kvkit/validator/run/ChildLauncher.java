package io.github.kvkit.validator.run;

import io.github.kvkit.harness.wire.Channel;
import io.github.kvkit.harness.wire.Frame;
import io.github.kvkit.harness.wire.FrameType;
import io.github.kvkit.harness.wire.Nonce;

import io.github.kvkit.validator.sandbox.Confined;
import io.github.kvkit.validator.sandbox.Sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts a child JVM in its sandbox and waits until it is ready: connected back over a Unix domain socket in its
 * private directory, authenticated by a nonce it read on stdin, and done loading ND4J. Blocks for seconds:
 * {@link Launch} runs it in the background.
 */
final class ChildLauncher {

    /** The largest frame a child may send: a forward result larger than this cannot be judged. */
    static final int MAX_RESULT_BYTES = 256 * 1024 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger SOCKETS = new AtomicInteger();

    private ChildLauncher() {
    }

    /** Launches a child JVM in {@code sandbox} and waits until it is connected and has loaded ND4J. */
    static ChildJvm start(RunLimits limits, Sandbox sandbox, WorkDir dir) throws StartFailure {
        long launched = System.nanoTime();
        long deadline = launched + limits.startTimeout().toNanos();
        byte[] nonce = new byte[Nonce.BYTES];
        RANDOM.nextBytes(nonce);
        Path socket = dir.root().resolve("child-" + SOCKETS.incrementAndGet() + ".sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            server.configureBlocking(false);
            Confined confined = ChildCommand.confine(limits, dir, sandbox, socket);
            ChildJvm c = new ChildJvm(limits, confined.start(), confined);
            ChildRegistry.register(c);
            try {
                try (OutputStream stdin = c.process().getOutputStream()) {
                    stdin.write((Nonce.hex(nonce) + " " + socket + "\n").getBytes(StandardCharsets.UTF_8));
                }
                connect(c, limits, server, nonce, deadline);
                while (true) {
                    long wait = deadline - System.nanoTime();
                    ChildEvent ev = wait <= 0 ? null : c.poll(wait);
                    if (ev == null) {
                        throw new StartFailure("it did not load ND4J within "
                                + RunLimits.formatDuration(limits.startTimeout()) + c.outputSoFar());
                    }
                    if (ev instanceof ChildEvent.Received r && r.frame().type() == FrameType.READY) {
                        break;
                    }
                    if (ev instanceof ChildEvent.Closed || ev instanceof ChildEvent.OutputExceeded) {
                        Integer code = c.awaitExit(limits.exitGrace());
                        throw new StartFailure((c.failure() != null ? c.failure() : "it exited while starting"
                                + (code == null ? "" : " with code " + code)) + c.outputSoFar());
                    }
                    throw new StartFailure("it sent " + ev + " while starting");
                }
                c.started(launched, System.nanoTime());
                return c;
            } catch (StartFailure e) {
                c.kill();
                throw e;
            } catch (IOException | InterruptedException | RuntimeException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                c.kill();
                throw new StartFailure(e + c.outputSoFar());
            }
        } catch (IOException | RuntimeException e) {
            throw new StartFailure(e.toString());
        } finally {
            try {
                Files.deleteIfExists(socket);      // connected or failed: nobody else may connect
            } catch (IOException ignored) {
                // the work directory goes soon
            }
        }
    }

    /**
     * Accepts the child's connection and reads its first frame, a HELLO with our nonce. The socket is in a
     * directory only the validator's user (and a child's) may enter: the first connection is the child's.
     */
    private static void connect(ChildJvm c, RunLimits limits, ServerSocketChannel server, byte[] nonce, long deadline)
            throws IOException, StartFailure, InterruptedException {
        Process process = c.process();
        SocketChannel s;
        while ((s = server.accept()) == null) {
            if (System.nanoTime() > deadline) {
                throw new StartFailure("it did not connect within " + RunLimits.formatDuration(limits.startTimeout())
                        + c.outputSoFar());
            }
            if (!process.isAlive()) {
                throw new StartFailure("it exited with code " + process.exitValue() + " before connecting"
                        + c.outputSoFar());
            }
            Thread.sleep(5);
        }
        s.configureBlocking(true);
        Channel ch = new Channel(s, nonce, MAX_RESULT_BYTES);
        // a child that connects and then says nothing must not hold the launch past its deadline
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                ch.close();
            } catch (InterruptedException ignored) {
                // the HELLO came
            }
        }, "kvkit-child-hello-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Frame hello = ch.receive();
            if (hello.type() != FrameType.HELLO) {
                throw new StartFailure("it sent " + hello.type() + " instead of HELLO" + c.outputSoFar());
            }
        } catch (IOException e) {
            ch.close();
            throw new StartFailure("its connection failed before it said HELLO (" + e.getMessage() + ")"
                    + c.outputSoFar());
        } finally {
            watchdog.interrupt();
        }
        c.attach(ch);
    }
}
