package io.github.kvkit.validator.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvkit.validator.LoopEdits;
import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.cli.Cli;
import io.github.kvkit.validator.cli.ExitCode;
import io.github.kvkit.validator.plan.CasePlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference's results kept on disk: read back exactly, never trusted when damaged, never a different verdict. */
class ExpectedCacheTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static TestCase visibleCase() throws Exception {
        return ShippedCases.loader().load(Path.of("test-cases/kv-attention/visible/01_prefill_then_decode.json"));
    }

    private static CasePlan plan(TestCase tc) {
        return ShippedCases.KV.plan(tc);
    }

    private static Object computed(TestCase tc) {
        return ShippedCases.KV.expected(plan(tc));
    }

    private ReferenceOracle cachedIn(Path folder) {
        return ReferenceOracle.create().withCache(ExpectedCache.in(folder));
    }

    private List<Path> entries(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".bin")).toList();
        }
    }

    @Test
    void aCachedAndAnUncachedRunGiveIdenticalReports() throws Exception {
        String candidate = LoopEdits.write("ScalesByModelWidth", dir).toString();
        Path cache = dir.resolve("cache");

        JsonNode uncached = validate(candidate, "uncached.json", "--no-expected-cache");
        JsonNode filling = validate(candidate, "filling.json", "--expected-cache", cache.toString());
        JsonNode reading = validate(candidate, "reading.json", "--expected-cache", cache.toString());

        assertThat(entries(cache)).hasSize(2);
        assertThat(uncached.get("score").asDouble()).isLessThan(uncached.get("max_score").asDouble());
        assertThat(filling).isEqualTo(uncached);
        assertThat(reading).isEqualTo(uncached);
    }

    /** The JSON report of one validate run on the visible cases, without its times. */
    private JsonNode validate(String candidate, String report, String... cacheOptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("validate", "--file", candidate, "--sandbox", "off",
                "--json", dir.resolve(report).toString()));
        args.addAll(List.of(cacheOptions));
        int code = Cli.create(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .execute(args.toArray(String[]::new));
        assertThat(code).isEqualTo(ExitCode.TESTS_FAILED);
        return withoutTimes(JSON.readTree(dir.resolve(report).toFile()));
    }

    private static JsonNode withoutTimes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("time_ms");
        }
        node.forEach(ExpectedCacheTest::withoutTimes);
        return node;
    }

    @Test
    void resultsReadBackEqualTheComputedOnesAndKeepTheReferenceTime() throws Exception {
        TestCase tc = visibleCase();
        ReferenceOracle.Expected written = cachedIn(dir).expected(plan(tc));

        ReferenceOracle.Expected read = cachedIn(dir).expected(plan(tc));

        assertThat(read.results()).usingRecursiveComparison().isEqualTo(computed(tc));
        assertThat(read.referenceTime()).isEqualTo(written.referenceTime());
    }

    @Test
    void aDamagedEntryIsIgnoredAndComputedAgain() throws Exception {
        TestCase tc = visibleCase();
        cachedIn(dir).expected(plan(tc));
        Path entry = entries(dir).get(0);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(entry, bytes);

        ReferenceOracle.Expected read = cachedIn(dir).expected(plan(tc));

        assertThat(read.results()).usingRecursiveComparison().isEqualTo(computed(tc));
        assertThat(Files.readAllBytes(entry)).isNotEqualTo(bytes);
    }

    @Test
    void anEntryCutShortIsIgnoredAndComputedAgain() throws Exception {
        TestCase tc = visibleCase();
        cachedIn(dir).expected(plan(tc));
        Path entry = entries(dir).get(0);
        long whole = Files.size(entry);
        Files.write(entry, java.util.Arrays.copyOf(Files.readAllBytes(entry), (int) whole / 3));

        ReferenceOracle.Expected read = cachedIn(dir).expected(plan(tc));

        assertThat(read.results()).usingRecursiveComparison().isEqualTo(computed(tc));
        assertThat(Files.size(entry)).isEqualTo(whole);
    }

    @Test
    void writersOfOneEntryAtOnceLeaveOneWholeEntryAndNoTemporaryFile() throws Exception {
        TestCase tc = visibleCase();
        List<CompletableFuture<ReferenceOracle.Expected>> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writers.add(CompletableFuture.supplyAsync(() -> cachedIn(dir).expected(plan(tc))));
        }
        writers.forEach(CompletableFuture::join);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
        assertThat(cachedIn(dir).expected(plan(tc)).results()).usingRecursiveComparison().isEqualTo(computed(tc));
    }

    @Test
    void aRememberingOracleComputesACaseOnceForEveryoneAskingAtOnce() throws Exception {
        TestCase tc = visibleCase();
        ReferenceOracle oracle = ReferenceOracle.create().remembering();
        List<CompletableFuture<ReferenceOracle.Expected>> askers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            askers.add(CompletableFuture.supplyAsync(() -> oracle.expected(plan(tc))));
        }

        List<Object> results = askers.stream().map(f -> f.join().results()).toList();

        assertThat(results).allSatisfy(r -> assertThat(r).isSameAs(results.get(0)));
    }
}
