package io.github.kvkit.validator.run;

import io.github.kvkit.harness.Call;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.wire.CallCodec;
import io.github.kvkit.harness.wire.Channel;
import io.github.kvkit.harness.wire.Encoder;
import io.github.kvkit.harness.wire.Frame;
import io.github.kvkit.harness.wire.FrameType;
import io.github.kvkit.harness.wire.ProtocolException;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.result.Status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One case's exchange with a child JVM: sends the case's calls, receives their outcomes one by one until the
 * child says the case is done, and stops the case when its time runs out ({@link CaseTimeLimit}), it prints
 * too much, it runs out of memory, or the child dies or breaks the protocol. This is where calls and outcomes
 * meet their wire format ({@link io.github.kvkit.harness.wire.Channel}): a change of the case protocol belongs here.
 */
final class CaseConversation {

    private CaseConversation() {
    }

    /** Why a case ended: {@link #FINISHED}, or the status and the one-line reason it was stopped. */
    record Stop(Status status, String reason) {
        static final Stop FINISHED = new Stop(Status.PASSED, "");
    }

    /**
     * How a case ended.
     *
     * @param outcomes the outcomes of the calls that ran, in order
     * @param leftover the threads the case left running, as the child named them; empty if none or not finished
     * @param millis   wall time from sending the calls to the end
     * @param output   what the candidate printed during the case
     * @param callNanos how long the candidate's method took in each call that ran, as the child measured it
     */
    record Ending(List<CallOutcome> outcomes, Stop stop, String leftover, long millis, OutputCapture.Captured output,
                  List<Long> callNanos) {

        boolean finished() {
            return stop == Stop.FINISHED;
        }

        /** The run record of a case of {@code calls} calls: those that did not run are not-run outcomes. */
        RunRecord record(int calls) {
            List<CallOutcome> all = new ArrayList<>(outcomes);
            while (all.size() < calls) {
                all.add(new CallOutcome.NotRun("the run stopped: " + stop.status().id()));
            }
            List<Long> nanos = new ArrayList<>(callNanos);
            while (nanos.size() < calls) {
                nanos.add(-1L);
            }
            return new RunRecord(all, finished() ? null : stop.status(), finished() ? "" : stop.reason(), millis,
                    output.text(), output.bytes(), nanos);
        }
    }

    /** Runs {@code plan}'s calls in {@code c}, which is ready, within {@code time}, not yet started. */
    static Ending run(ChildJvm c, CasePlan plan, CaseTimeLimit time, RunLimits limits) {
        List<Call> calls = plan.calls();
        Encoder payload = new Encoder();
        CallCodec.putCalls(payload, calls);

        List<CallOutcome> outcomes = new ArrayList<>();
        List<Long> callNanos = new ArrayList<>();
        Stop stop = null;
        String leftover = "";
        boolean exitReported = false;
        c.output().begin();
        time.start(c, calls.size());
        c.sent(payload.size());
        try {
            c.channel().send(FrameType.CASE, payload);
            while (stop == null) {
                ChildEvent ev = time.next();
                if (ev == null) {
                    c.kill();
                    stop = new Stop(Status.TIMEOUT, describeCall(plan, outcomes.size()) + " " + time.exceeded());
                } else if (ev instanceof ChildEvent.OutputExceeded) {
                    c.kill();
                    Death d = Death.outputLimit(limits);
                    stop = new Stop(d.status(), describeCall(plan, outcomes.size()) + " " + d.what());
                } else if (ev instanceof ChildEvent.Closed closed) {
                    Death d = Death.diagnose(c, exitReported, closed.why(), limits);
                    stop = new Stop(d.status(), describeCall(plan, outcomes.size()) + " " + d.what());
                } else {
                    Frame f = ((ChildEvent.Received) ev).frame();
                    switch (f.type()) {
                        case OUTCOME -> {
                            int index = f.payload().getInt();
                            CallOutcome outcome = CallCodec.getOutcome(f.payload());
                            String outOfMemory = f.payload().getString();
                            callNanos.add(f.payload().getLong());
                            if (index != outcomes.size() || index >= calls.size()) {
                                throw new ProtocolException("outcome of call " + index + " when call "
                                        + outcomes.size() + " was running");
                            }
                            outcomes.add(outcome);
                            if (outOfMemory != null) {
                                c.kill();
                                stop = new Stop(Status.OUT_OF_MEMORY, describeCall(plan, index) + " ran out of memory: "
                                        + outOfMemory + " (limits: heap " + RunLimits.formatSize(limits.heapBytes())
                                        + ", off-heap " + RunLimits.formatSize(limits.offHeapBytes()) + ")");
                            }
                        }
                        case CASE_DONE -> {
                            if (outcomes.size() != calls.size()) {
                                throw new ProtocolException("case done after " + outcomes.size() + " of "
                                        + calls.size() + " calls");
                            }
                            String threads = f.payload().getString();
                            leftover = threads == null ? "" : threads;
                            stop = Stop.FINISHED;
                        }
                        case EXITING -> exitReported = true;
                        default -> throw new ProtocolException("unexpected " + f.type() + " during a case");
                    }
                }
            }
        } catch (ProtocolException e) {
            c.kill();
            stop = new Stop(Status.CRASHED, describeCall(plan, outcomes.size())
                    + ": the candidate's JVM broke the validator's protocol (" + e.getMessage() + "); stopped");
        } catch (IOException e) {
            Death d = Death.diagnose(c, exitReported, null, limits);
            stop = new Stop(d.status(), describeCall(plan, outcomes.size()) + " " + d.what());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.kill();
            stop = new Stop(Status.CRASHED, "interrupted");
        }
        long millis = time.elapsedMillis();
        // finished: the child flushed before CASE_DONE; stopped: the child is dead, its output ends soon
        OutputCapture.Captured out = c.output().collect();
        return new Ending(outcomes, stop, leftover, millis, out, callNanos);
    }

    /** "forward step decode#3 (call 7)", "the constructor (call 0)"... */
    static String describeCall(CasePlan plan, int index) {
        if (index >= plan.calls().size()) {
            return "the case, after its last call,";
        }
        return plan.describe(index) + " (call " + index + ")";
    }
}
