package io.github.kvkit.validator.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunLimitsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        RunLimits d = RunLimits.DEFAULTS;
        assertEquals(Duration.ofSeconds(10), d.caseFloor());
        assertEquals(200.0, d.caseFactor());
        assertEquals(Duration.ofMinutes(10), d.total());
        assertEquals(RunLimits.GIB, d.heapBytes());
        assertEquals(2 * RunLimits.GIB, d.offHeapBytes());
        assertEquals(3 * RunLimits.GIB + 512 * RunLimits.MIB, d.maxPhysicalBytes());
        assertEquals(32 * RunLimits.MIB, d.outputLimitBytes());
        assertEquals(64 * RunLimits.KIB, d.outputKeepBytes());
    }

    @Test
    void aCaseGetsTheFloorOrTheFactorTimesTheReferenceWhicheverIsLonger() {
        RunLimits d = RunLimits.DEFAULTS;
        assertEquals(Duration.ofSeconds(10), d.caseLimit(Duration.ZERO));
        assertEquals(Duration.ofSeconds(10), d.caseLimit(Duration.ofMillis(49)));
        assertEquals(Duration.ofSeconds(100), d.caseLimit(Duration.ofMillis(500)));
    }

    @Test
    void sizesAndDurationsParseAsTheCommandLineWritesThem() {
        assertEquals(RunLimits.GIB, RunLimits.parseSize("1g"));
        assertEquals(512 * RunLimits.MIB, RunLimits.parseSize("512M"));
        assertEquals(64 * RunLimits.KIB, RunLimits.parseSize("64KiB"));
        assertEquals(1000, RunLimits.parseSize("1000"));
        assertEquals(Duration.ofSeconds(10), RunLimits.parseDuration("10"));
        assertEquals(Duration.ofMillis(2500), RunLimits.parseDuration("2.5s"));
        assertEquals(Duration.ofMillis(500), RunLimits.parseDuration("500ms"));
        assertEquals(Duration.ofMinutes(10), RunLimits.parseDuration("10m"));
        assertEquals("1g", RunLimits.formatSize(RunLimits.GIB));
        assertEquals("2.5 s", RunLimits.formatDuration(Duration.ofMillis(2500)));
        assertEquals("10 min", RunLimits.formatDuration(Duration.ofMinutes(10)));
    }

    @Test
    void nonsenseIsRefusedWithAMessageSayingWhatIsExpected() {
        for (String bad : new String[] {"", "1.5g", "-1m", "lots", "99999999999999g"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunLimits.parseSize(bad));
            assertEquals("'" + bad + "' is not a size; expected e.g. 512m, 1g or 64k", e.getMessage());
        }
        for (String bad : new String[] {"", "NaN", "1e3", "-2s", "0x10", "soon"}) {
            assertThrows(IllegalArgumentException.class, () -> RunLimits.parseDuration(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> RunLimits.DEFAULTS.withCaseFloor(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RunLimits.DEFAULTS.withHeap(RunLimits.MIB));
        assertThrows(IllegalArgumentException.class, () -> RunLimits.DEFAULTS.withCaseFactor(Double.NaN));
    }
}
