package io.github.kvkit.harness.wire;

import io.github.kvkit.harness.Arg;
import io.github.kvkit.harness.Call;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.kv.harness.KvCall;
import io.github.kvkit.tracks.kv.harness.KvResult;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protocol between the validator and the child JVM, without a child. */
class WireTest {

    /** Both ends of a Unix domain socket, as the validator and its child hold them. */
    private static final class SocketPair implements AutoCloseable {
        final Path dir = Files.createTempDirectory("kvkit-wire-");
        final ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(dir.resolve("s")));
        final SocketChannel client = SocketChannel.open(server.getLocalAddress());
        final SocketChannel accepted = server.accept();

        SocketPair() throws IOException {
        }

        @Override
        public void close() throws IOException {
            client.close();
            accepted.close();
            server.close();
            Files.delete(dir.resolve("s"));
            Files.delete(dir);
        }
    }

    private static Decoder decoder(Encoder e) throws IOException {
        // through a real channel, the only way a payload is read
        try (SocketPair p = new SocketPair()) {
            byte[] nonce = new byte[Nonce.BYTES];
            new Channel(p.client, nonce, Integer.MAX_VALUE - 64).send(FrameType.CASE, e);
            Frame f = new Channel(p.accepted, nonce, Integer.MAX_VALUE - 64).receive();
            assertEquals(FrameType.CASE, f.type());
            return f.payload();
        }
    }

    private static INDArray roundTrip(INDArray a) throws IOException {
        return decoder(new Encoder().putArray(a)).getArray();
    }

    private static void assertSameArray(INDArray want, INDArray got) {
        assertEquals(want.dataType(), got.dataType());
        assertArrayEquals(want.shape(), got.shape());
        assertEquals(want.ordering(), got.ordering());
        assertArrayEquals(want.stride(), got.stride());
        assertEquals(want.isView(), got.isView(), "isView");
        assertEquals(Tensor.of(want), Tensor.of(got));
    }

    @Test
    void arraysArriveWithTheirTypeOrderStridesAndValues() throws IOException {
        INDArray c = Nd4j.rand(DataType.FLOAT, 2, 3, 4);
        INDArray f = Nd4j.rand(DataType.DOUBLE, 2, 3, 4).dup('f');
        INDArray bias = Nd4j.rand(DataType.DOUBLE, 8);
        for (INDArray a : List.of(c, f, bias)) {
            assertSameArray(a, roundTrip(a));
        }
    }

    @Test
    void aStridedViewArrivesAsAStridedView() throws IOException {
        INDArray wide = Nd4j.rand(DataType.FLOAT, 2, 3, 6);
        INDArray view = wide.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(1, 5));

        INDArray got = roundTrip(view);

        assertTrue(view.isView());
        assertSameArray(view, got);
    }

    @Test
    void emptyArraysAndOtherTypesArriveWithTheirShapeAndValues() throws IOException {
        INDArray empty = Nd4j.create(DataType.FLOAT, 1, 0, 8);
        INDArray ints = Nd4j.createFromArray(new int[] {1, -2, 3, 4}).reshape(2, 2);

        INDArray gotEmpty = roundTrip(empty);
        INDArray gotInts = roundTrip(ints);

        assertTrue(gotEmpty.isEmpty());
        assertArrayEquals(empty.shape(), gotEmpty.shape());
        assertEquals(DataType.FLOAT, gotEmpty.dataType());
        assertEquals(Tensor.of(ints), Tensor.of(gotInts));
        assertEquals(DataType.INT, gotInts.dataType());
    }

    @Test
    void anArrayPassedTwiceArrivesAsOneObjectAndNullStaysNull() throws IOException {
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 2, 8);
        INDArray other = Nd4j.rand(DataType.FLOAT, 1, 2, 8);
        List<Call> calls = List.of(
                new KvCall.Construct(0, 8, 2, 8, false).toCall(),
                new KvCall.LoadWeights(1, null, true).toCall(),
                new KvCall.Forward(2, x, x, x, true, true, -1, null, null, true, true, false).toCall(),
                new KvCall.Forward(3, x, other, other, false, false, 2, null, null, false, false, false).toCall(),
                new Call(4, "other", List.of(new Arg.Int(-3), new Arg.Real(0.1), new Arg.Ints(new int[] {1, 2}),
                        new Arg.Result(3, "cache"), Arg.Null.NULL, new Arg.Array(other, true)), true));
        Encoder e = new Encoder();
        CallCodec.putCalls(e, calls);

        List<Call> got = CallCodec.getCalls(decoder(e));

        assertEquals(calls.get(0), got.get(0));
        assertNull(((KvCall.LoadWeights) KvCall.of(got.get(1))).weights());
        KvCall.Forward f2 = (KvCall.Forward) KvCall.of(got.get(2));
        KvCall.Forward f3 = (KvCall.Forward) KvCall.of(got.get(3));
        assertSame(f2.query(), f2.key());
        assertSame(f2.query(), f3.query());
        assertSame(f3.key(), f3.value());
        assertNull(f2.cacheKey());
        assertEquals(2, f3.cacheFromCall());
        assertTrue(f2.keyIsQuery() && f2.causal() && f2.fullCapture() && !f3.causal() && !f3.fullCapture());
        Call other4 = got.get(4);
        assertEquals(List.of("other", -3, 0.1, 3, "cache", true), List.of(other4.method(), other4.intArg(0),
                ((Arg.Real) other4.arg(1)).value(), ((Arg.Result) other4.arg(3)).call(), ((Arg.Result) other4.arg(3)).part(),
                other4.mustReject()));
        assertArrayEquals(new int[] {1, 2}, ((Arg.Ints) other4.arg(2)).values());
        assertEquals(Arg.Null.NULL, other4.arg(4));
        assertTrue(((Arg.Array) other4.arg(5)).writable() && !((Arg.Array) got.get(2).arg(0)).writable());
    }

    @Test
    void everyKindOfOutcomeArrivesUnchanged() throws IOException {
        Tensor t = new Tensor(new long[] {1, 2}, "FLOAT", new double[] {0.5, Double.NaN});
        CallOutcome.Returned returned = new KvResult(t, t, t, t, new long[] {1, 5, 8}, new long[] {1, 5, 8},
                true, new long[] {4, 5}, 6, 7, new long[] {8, 9}, new long[] {2, 10, 11}).toOutcome();
        List<CallOutcome> outcomes = List.of(new CallOutcome.Completed(), returned,
                new CallOutcome.Threw("java.lang.IllegalArgumentException", "héllo\u001b[2J", "A.java:3 (A.forward)", true),
                new CallOutcome.Unusable("forward returned null"), new CallOutcome.NotRun("no cache"));
        Encoder e = new Encoder();
        for (CallOutcome o : outcomes) {
            CallCodec.putOutcome(e, o);
        }
        Decoder d = decoder(e);

        for (CallOutcome want : outcomes) {
            CallOutcome got = CallCodec.getOutcome(d);
            if (want instanceof CallOutcome.Returned returnedWant) {
                KvResult r = KvResult.of(returnedWant);
                KvResult g = KvResult.of((CallOutcome.Returned) got);
                assertEquals(r.output(), g.output());
                assertArrayEquals(r.cacheKeyShape(), g.cacheKeyShape());
                assertArrayEquals(r.cacheInDigests(), g.cacheInDigests());
                assertArrayEquals(r.resultDigests(), g.resultDigests());
                assertArrayEquals(r.laterDigests(), g.laterDigests());
                assertEquals(Arrays.asList(r.cacheTailOnly(), r.weightsDigest(), r.cacheDigest()),
                        Arrays.asList(g.cacheTailOnly(), g.weightsDigest(), g.cacheDigest()));
            } else {
                assertEquals(want, got);
            }
        }
        assertEquals(0, d.remaining());
    }

    @Test
    void aFrameWithAnotherNonceOrTooLongIsRefused() throws IOException {
        try (SocketPair p = new SocketPair()) {
            byte[] nonce = new byte[Nonce.BYTES];
            byte[] forged = nonce.clone();
            forged[3] = 1;
            Channel sender = new Channel(p.client, forged, 1024);
            Channel receiver = new Channel(p.accepted, nonce, 16);
            sender.send(FrameType.OUTCOME, new Encoder().putInt(1));
            assertThrows(ProtocolException.class, receiver::receive);
        }
        try (SocketPair p = new SocketPair()) {
            byte[] nonce = new byte[Nonce.BYTES];
            new Channel(p.client, nonce, 1024).send(FrameType.OUTCOME, new Encoder().putDoubles(new double[8]));
            assertThrows(ProtocolException.class, new Channel(p.accepted, nonce, 16)::receive);
        }
    }
}
