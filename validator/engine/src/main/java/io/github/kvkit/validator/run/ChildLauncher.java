package io.github.kvkit.validator.run;

import io.github.kvkit.harness.wire.Channel;
import io.github.kvkit.harness.wire.Frame;
import io.github.kvkit.harness.wire.FrameType;
import io.github.kvkit.harness.wire.Nonce;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * Starts a child JVM and waits until it is ready: connected back over loopback, authenticated by a nonce it
 * read on stdin, and done loading ND4J. Blocks for seconds: {@link Launch} runs it in the background.
 */
final class ChildLauncher {

    /** The largest frame a child may send: a forward result larger than this cannot be judged. */
    static final int MAX_RESULT_BYTES = 256 * 1024 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ChildLauncher() {
    }

    /** Launches a child JVM and waits until it is connected and has loaded ND4J. */
    static ChildJvm start(RunLimits limits, WorkDir dir) throws StartFailure {
        long launched = System.nanoTime();
        long deadline = launched + limits.startTimeout().toNanos();
        byte[] nonce = new byte[Nonce.BYTES];
        RANDOM.nextBytes(nonce);
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(100);
            ChildJvm c = new ChildJvm(limits, ChildCommand.processBuilder(limits, dir).start());
            ChildRegistry.register(c);
            try {
                try (OutputStream stdin = c.process().getOutputStream()) {
                    stdin.write((server.getLocalPort() + " " + Nonce.hex(nonce) + "\n").getBytes(StandardCharsets.US_ASCII));
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
                c.startedIn((System.nanoTime() - launched) / 1_000_000);
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
        } catch (IOException e) {
            throw new StartFailure(e.toString());
        }
    }

    /**
     * Accepts the child's connection: the first one whose first frame is a HELLO with our nonce and its pid. Any
     * other local process may connect too, so a wrong first frame only closes that connection.
     */
    private static void connect(ChildJvm c, RunLimits limits, ServerSocket server, byte[] nonce, long deadline)
            throws IOException, StartFailure {
        Process process = c.process();
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new StartFailure("it did not connect within " + RunLimits.formatDuration(limits.startTimeout())
                        + c.outputSoFar());
            }
            if (!process.isAlive()) {
                throw new StartFailure("it exited with code " + process.exitValue() + " before connecting" + c.outputSoFar());
            }
            Socket s;
            try {
                s = server.accept();
            } catch (SocketTimeoutException e) {
                continue;
            }
            Channel ch = new Channel(s, nonce, MAX_RESULT_BYTES);
            try {
                s.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE,
                        TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
                s.setTcpNoDelay(true);
                Frame hello = ch.receive();
                if (hello.type() != FrameType.HELLO || hello.payload().getLong() != process.pid()) {
                    ch.close();
                    continue;
                }
                s.setSoTimeout(0);
            } catch (IOException e) {
                ch.close();
                continue;
            }
            c.attach(ch);
            return;
        }
    }
}
