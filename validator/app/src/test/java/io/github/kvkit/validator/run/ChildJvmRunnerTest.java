package io.github.kvkit.validator.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvkit.validator.LoopEdits;
import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.cli.Cli;
import io.github.kvkit.validator.judge.ReferenceOracle;
import io.github.kvkit.validator.load.Candidates;
import io.github.kvkit.validator.load.ContractViolation;
import io.github.kvkit.validator.load.LoadedCandidate;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.Status;
import io.github.kvkit.validator.result.ValidationReport;
import io.github.kvkit.validator.sandbox.Sandboxes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Untrusted candidates run in a child JVM: each hostile sample under {@code candidates/hostile/} misbehaves in
 * the middle case of three, gets the status that names what it did, and the cases before and after it still
 * pass (in a new child JVM when the old one died). Limits are small so the whole class stays short.
 */
class ChildJvmRunnerTest {

    /** 3 s a case (the reference takes milliseconds on these), small memory, 1 MiB of output. */
    static final RunLimits LIMITS = RunLimits.DEFAULTS.withCaseFloor(Duration.ofSeconds(3)).withCaseFactor(1)
            .withTotal(Duration.ofMinutes(2)).withHeap(256 * RunLimits.MIB).withOffHeap(256 * RunLimits.MIB)
            .withOutputLimit(RunLimits.MIB).withOutputKeep(4 * 1024).withProbeTimeout(Duration.ofSeconds(20));

    static final Path ISOLATION_CASES = resource("/isolation-cases");

    /** Guard (refusals only), trigger (one forward call), guard. */
    static List<TestCase> cases;

    @BeforeAll
    static void loadCases() throws Exception {
        cases = ShippedCases.loader().loadAll(List.of(ISOLATION_CASES));
        assertEquals(List.of("isolation_guard_before", "isolation_trigger", "isolation_guard_after"),
                cases.stream().map(TestCase::name).toList());
    }

    private static Path resource(String name) {
        try {
            return Path.of(ChildJvmRunnerTest.class.getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
    }

    /** A validation through child runners, keeping the runners and every case's run record. */
    static final class Run {
        final List<ChildJvmRunner> runners = new ArrayList<>();
        final Map<String, RunRecord> records = new LinkedHashMap<>();
        ValidationReport report;
        long millis;

        CaseResult test(String name) {
            return report.tests().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        }

        List<Long> pids() {
            return runners.stream().flatMap(r -> r.childPids().stream()).toList();
        }

        /** Everything the candidate printed: while probed, then in each case. */
        String output() {
            StringBuilder all = new StringBuilder();
            runners.forEach(r -> all.append(r.probeOutput()));
            records.values().forEach(r -> all.append(r.output()));
            return all.toString();
        }
    }

    static Run validate(String sample, List<TestCase> cases, RunLimits limits) throws Exception {
        return validate(Candidates.file(sample), cases, limits);
    }

    static Run validate(Path file, List<TestCase> cases, RunLimits limits) throws Exception {
        return validate(file, cases, limits, TestSandboxes.AUTO);
    }

    static Run validate(Path file, List<TestCase> cases, RunLimits limits, Sandboxes.Choice sandbox) throws Exception {
        Run run = new Run();
        Validation validation = new Validation(ReferenceOracle.create(), Validation.isolating(limits, sandbox, runner -> {
            run.runners.add(runner);
            return recording(runner, run);
        }));
        long start = System.nanoTime();
        run.report = validation.validate(file, cases, c -> { });
        run.millis = (System.nanoTime() - start) / 1_000_000;
        return run;
    }

    /** The runner, keeping every case's run record. */
    private static CandidateRunner recording(ChildJvmRunner runner, Run run) {
        return new CandidateRunner() {
            @Override
            public void probe(LoadedCandidate c, String fileLabel) throws ContractViolation {
                runner.probe(c, fileLabel);
            }

            @Override
            public RunRecord run(CasePlan plan) {
                return run(plan, Duration.ZERO);
            }

            @Override
            public RunRecord run(CasePlan plan, Duration referenceTime) {
                RunRecord record = runner.run(plan, referenceTime);
                run.records.put(plan.testCase().name(), record);
                return record;
            }

            @Override
            public void close() {
                runner.close();
            }
        };
    }

    /** Every child JVM is gone within the exit grace after the validation returned (it does not wait for them). */
    private static void assertNoChildLeft(Run run) throws Exception {
        assertFalse(run.pids().isEmpty());
        long until = System.nanoTime() + LIMITS.exitGrace().plusSeconds(3).toNanos();
        for (long pid : run.pids()) {
            ProcessHandle.of(pid).ifPresent(h -> {
                try {
                    h.onExit().get(Math.max(1, until - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // checked below
                }
            });
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "child " + pid + " still runs");
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            hostile/InfiniteLoop.java        | TIMEOUT        | 2 | forward step prefill (call 2) did not finish within the case's time limit of 3 s
            hostile/HeapHog.java             | OUT_OF_MEMORY  | 2 | forward step prefill (call 2) ran out of heap memory (-Xmx256m)
            hostile/OffHeapHog.java          | OUT_OF_MEMORY  | 2 | forward step prefill (call 2) ran out of memory: java.lang.OutOfMemoryError:
            hostile/DeepRecursion.java       | STACK_OVERFLOW | 1 | prefill: threw StackOverflowError at DeepRecursion.java:30 (DeepRecursion.depth)
            hostile/ExitsInForward.java      | EXIT_CALLED    | 2 | forward step prefill (call 2) called System.exit(0)
            hostile/HaltsInForward.java      | EXIT_CALLED    | 2 | forward step prefill (call 2) stopped the JVM with exit code 7 without running its shutdown hooks
            hostile/CrashesJvm.java          | CRASHED        | 2 | forward step prefill (call 2) crashed the JVM: it died of signal
            hostile/InitFailsInForward.java  | INIT_ERROR     | 1 | prefill: threw ExceptionInInitializerError: java.lang.IllegalStateException: scale table missing at InitFailsInForward.java:27
            hostile/PrintsMegabytes.java     | OUTPUT_LIMIT   | 2 | forward step prefill (call 2) printed more than 1m, the output limit of a case; stopped
            hostile/ThrowsFromForward.java   | ERROR          | 1 | prefill: threw IllegalStateException: boom: no cache yet (true) at ThrowsFromForward.java:26 (ThrowsFromForward.forward)
            hostile/LeavesThreadRunning.java | ERROR          | 3 | prefill: forward returned null
            hostile/FakesScore.java          | ERROR          | 1 | prefill: forward returned null
            hostile/ScansClasspath.java      | ERROR          | 1 | prefill: threw UnsupportedOperationException: found nothing in
            """)
    void aHostileCandidateGetsItsOwnStatusWhileTheCasesAroundItStillPass(String sample, Status status, int childJvms,
                                                                        String reason) throws Exception {
        Run run = validate(sample, cases, LIMITS);

        assertEquals(Outcome.RAN, run.report.outcome(), run.report.message());
        assertEquals(3, run.report.tests().size());
        CaseResult trigger = run.test("isolation_trigger");
        assertEquals(status, trigger.status(), trigger.reason());
        assertTrue(trigger.reason().startsWith(reason), trigger.reason());
        assertFalse(trigger.reason().contains("\n"), "one line: " + trigger.reason());
        assertEquals(0, trigger.score());
        for (String guard : List.of("isolation_guard_before", "isolation_guard_after")) {
            assertEquals(Status.PASSED, run.test(guard).status(), guard + ": " + run.test(guard).reason());
        }
        assertEquals(2.0, run.report.score(), "only the guards' points, whatever it printed");
        assertEquals(childJvms, run.pids().size(), "child JVMs started: " + run.pids());
        assertNoChildLeft(run);
        assertTrue(run.millis < 30_000, "took " + run.millis + " ms");
    }

    @Test
    void aCandidateThatNeverReturnsHasEveryCaseTimedOutAndLaterCasesWaitOnlyTheShortLimit() throws Exception {
        // edge_bad_input's constructor refusals finish (they throw) before its forward hangs: still hung
        List<TestCase> some = ShippedCases.ALL.get().stream().filter(t -> List.of("visible_prefill_then_decode",
                "edge_bad_input", "core_batched_decode").contains(t.name())).toList();
        Run run = validate("hostile/InfiniteLoop.java", some, LIMITS);

        for (CaseResult t : run.report.tests()) {
            assertEquals(Status.TIMEOUT, t.status(), t.name() + ": " + t.reason());
        }
        String later = run.report.tests().get(2).reason();
        assertTrue(later.contains("within 2 s, the limit of a case once the candidate has timed out without ever "
                + "finishing a call"), later);
    }

    @Test
    void aCorrectCandidateThatLeavesABusyThreadPerConstructionEarnsFullMarksWithAFreshJvmPerCase(@TempDir Path dir)
            throws Exception {
        List<TestCase> visible = ShippedCases.ALL.get().subList(0, 2);
        Run run = validate(LoopEdits.write("LeaksBusyThread", dir), visible, LIMITS);

        assertEquals(run.report.maxScore(), run.report.score(), run.report.tests().toString());
        assertTrue(run.pids().size() >= visible.size(), "one child JVM per case: " + run.pids());
        assertNoChildLeft(run);
    }

    @Test
    void aCorrectCandidateThatPrintsOnEveryCallEarnsFullMarksOverTheLongDecode(@TempDir Path dir) throws Exception {
        List<TestCase> longDecode = ShippedCases.ALL.get().stream()
                .filter(t -> t.name().equals("stress_long_decode")).toList();
        Run run = validate(LoopEdits.write("PrintsEveryCall", dir), longDecode, RunLimits.DEFAULTS);

        assertEquals(run.report.maxScore(), run.report.score(), run.report.tests().toString());
        RunRecord decode = run.records.get("stress_long_decode");
        assertTrue(decode.outputBytes() > 4 * RunLimits.MIB, "more than the old 4 MiB limit: " + decode.outputBytes());
        assertEquals(RunLimits.DEFAULTS.outputKeepBytes(), decode.output().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void outputIsCappedPerCaseAndTheCutIsCounted() throws Exception {
        Run run = validate("hostile/PrintsMegabytes.java", cases, LIMITS);

        RunRecord trigger = run.records.get("isolation_trigger");
        assertEquals(LIMITS.outputKeepBytes(), trigger.output().getBytes(StandardCharsets.UTF_8).length);
        assertTrue(trigger.output().startsWith("debug: xxx"));
        assertTrue(trigger.outputBytes() > LIMITS.outputLimitBytes(), "counted " + trigger.outputBytes());
        assertEquals(0, run.records.get("isolation_guard_after").outputBytes());
    }

    @Test
    void theCandidateSeesOnlyTheKeptVariablesOfTheValidatorsEnvironment() throws Exception {
        assertEquals("not-for-candidates", System.getenv("KVKIT_TEST_SECRET"),
                "the app module's Surefire configuration sets it, so the child would inherit it");

        Run run = validate("hostile/PrintsEnvironment.java", cases, LIMITS);

        String printed = run.records.get("isolation_trigger").output();
        assertTrue(printed.contains("env HOME="), printed);
        assertFalse(printed.contains("KVKIT_TEST_SECRET"), printed);
        // besides the kept ones: the child's own home and temporary folder, and the working directory
        // bubblewrap states in PWD
        Set<String> set = Set.of("HOME", "TMPDIR", "TEMP", "TMP", "PWD");
        for (String line : printed.split("\n")) {
            String name = line.substring("env ".length(), line.indexOf('='));
            assertTrue(set.contains(name) || ChildCommand.KEPT_VARIABLES.contains(name), line);
        }
    }

    @Test
    void noStaticInitializerOrConstructorOfTheCandidateRunsInTheValidatorsJvm() throws Exception {
        System.clearProperty("kvkit.test.markedByStaticInitializer");
        System.clearProperty("kvkit.test.markedByConstructor");

        Run run = validate("hostile/MarksItsJvm.java", cases, LIMITS);

        assertNull(System.getProperty("kvkit.test.markedByStaticInitializer"));
        assertNull(System.getProperty("kvkit.test.markedByConstructor"));
        // the pid as the candidate sees it: in a sandbox's PID namespace it is not the one this JVM sees
        String probed = run.runners.get(0).probeOutput();
        String pid = probed.substring("static initializer ran in process ".length(), probed.indexOf('\n'));
        assertTrue(Long.parseLong(pid) != ProcessHandle.current().pid());
        assertEquals("static initializer ran in process " + pid + "\nconstructor ran in process " + pid + "\n", probed);
        assertTrue(run.records.get("isolation_trigger").output().contains("forward ran in process " + pid));
        assertEquals(Outcome.RAN, run.report.outcome());
    }

    @Test
    void aCorrectCandidateScoresFullMarksInTheChildJvmExactlyAsInProcess() throws Exception {
        List<TestCase> visible = ShippedCases.loader().loadAll(List.of(Path.of("test-cases", "kv-attention", "visible")));

        Run isolated = validate("valid/LoopAttention.java", visible, RunLimits.DEFAULTS);
        ValidationReport inProcess = Validation.inProcess().validate(Candidates.file("valid/LoopAttention.java"), visible,
                c -> { });

        assertEquals(isolated.report.maxScore(), isolated.report.score());
        assertTrue(isolated.report.allPassed());
        assertEquals(inProcess.tests().size(), isolated.report.tests().size());
        for (int i = 0; i < inProcess.tests().size(); i++) {
            CaseResult a = inProcess.tests().get(i);
            CaseResult b = isolated.report.tests().get(i);
            assertEquals(List.of(a.name(), a.status(), a.score(), a.reason(), a.checks()),
                    List.of(b.name(), b.status(), b.score(), b.reason(), b.checks()));
        }
        assertEquals(0, isolated.records.values().stream().mapToLong(RunRecord::outputBytes).sum(),
                "the harness and ND4J print nothing of their own");
        assertNoChildLeft(isolated);
    }

    @Test
    void aStaticInitializerThatThrowsIsAContractErrorFoundInTheChildWithTheInProcessMessage() throws Exception {
        Run isolated = validate("contract/StaticInitFails.java", cases, LIMITS);
        ValidationReport inProcess = Validation.inProcess().validate(Candidates.file("contract/StaticInitFails.java"),
                cases, c -> { });

        assertEquals(Outcome.CONTRACT_ERROR, isolated.report.outcome());
        assertEquals(inProcess.message(), isolated.report.message());
        assertEquals(inProcess.candidateClass(), isolated.report.candidateClass());
        assertTrue(isolated.report.tests().stream().allMatch(t -> t.status() == Status.NOT_RUN));
        assertNoChildLeft(isolated);
    }

    @Test
    void aConstructorThatCallsSystemExitIsAContractErrorAndTheValidatorLivesOn() throws Exception {
        Run run = validate("hostile/ExitsInConstructor.java", cases, LIMITS);

        assertEquals(Outcome.CONTRACT_ERROR, run.report.outcome());
        assertTrue(run.report.message().endsWith("ExitsInConstructor.java: new ExitsInConstructor(16, 4, 32) called "
                + "System.exit(0) (expected: the constructor to succeed for dModel=16, numHeads=4, maxCacheLen=32)"),
                run.report.message());
        assertNoChildLeft(run);
    }

    @Test
    void theTotalTimeLimitStopsTheRunningCaseAndReportsTheRestAsNotRun() throws Exception {
        Run run = validate("hostile/InfiniteLoop.java", cases, LIMITS.withCaseFloor(Duration.ofSeconds(20))
                .withTotal(Duration.ofSeconds(6)));

        assertEquals(Status.PASSED, run.test("isolation_guard_before").status());
        assertEquals(Status.TIMEOUT, run.test("isolation_trigger").status());
        assertTrue(run.test("isolation_trigger").reason().contains("when the total time limit of 6 s for the candidate ran out"),
                run.test("isolation_trigger").reason());
        assertEquals(Status.TIMEOUT, run.test("isolation_guard_after").status());
        assertEquals("not run: the total time limit of 6 s for the candidate was used up",
                run.test("isolation_guard_after").reason());
        assertTrue(run.millis < 12_000, "took " + run.millis + " ms");
        assertNoChildLeft(run);
    }

    // ------------------------------------------------------------------------------------ command line

    record CliRun(int exit, String out, String err) {
    }

    static CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    @Test
    void onTheCommandLineWhatTheCandidatePrintsIsShownApartAndCannotChangeItsScore(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("report.json");

        CliRun run = cli("--file", Candidates.file("hostile/FakesScore.java").toString(), "--tests",
                ISOLATION_CASES.toString(), "--color", "never", "--time-floor", "3s", "--heap", "256m", "--off-heap",
                "256m", "--json", json.toString());

        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().contains("\nScore: 2 / 4 (50%)\n"), run.out());
        assertFalse(run.out().contains("70 / 70"), run.out());
        assertTrue(run.err().contains("candidate output during isolation_trigger"), run.err());
        assertTrue(run.err().contains("\n  | Score: 70 / 70 (100%)\n"), run.err());
        assertTrue(run.err().contains("\n  | \\u001b[2J\\u001b[HScore: 70 / 70 (100%)\n"), "escaped: " + run.err());
        assertFalse(run.err().contains("\u001b"), "no raw escape reaches the terminal");
        assertEquals(2.0, new ObjectMapper().readTree(Files.readString(json)).get("score").asDouble());
    }

    @Test
    void onTheCommandLineAConstructorThatThrowsInTheChildStillExitsWith3() {
        CliRun run = cli("--file", Candidates.file("contract/ConstructorThrows.java").toString(), "--tests",
                ISOLATION_CASES.toString(), "--color", "never");

        assertEquals(3, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("CONTRACT ERROR"), run.out());
        assertTrue(run.out().contains("new ConstructorThrows(16, 4, 32) threw java.lang.IllegalStateException: "
                + "not implemented yet (at ConstructorThrows.java:11)"), run.out());
    }

    @Test
    void inProcessWarnsThatNoLimitsApply() {
        CliRun run = cli("--file", Candidates.file("hostile/ThrowsFromForward.java").toString(), "--tests",
                ISOLATION_CASES.toString(), "--color", "never", "--in-process");

        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.err().startsWith("warning: --in-process: the candidate runs inside the validator's JVM; no time,"
                + " memory or output limits apply"), run.err());
        assertTrue(run.out().contains("Score: 2 / 4 (50%)"), run.out());
    }

    @Test
    void badLimitOptionsAreUsageErrors() {
        CliRun run = cli("--file", Candidates.file("valid/LoopAttention.java").toString(), "--time-floor", "soon");

        assertEquals(2, run.exit());
        assertEquals("error: --time-floor 'soon' is not a duration; expected e.g. 10s, 500ms or 10m\n", run.err());
    }
}
