package io.github.kvkit.validator.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextTest {

    @Test
    void scoresHaveAtMostTwoDecimalsAndNoTrailingZeros() {
        assertEquals("6.25", Text.num(6.25));
        assertEquals("10", Text.num(10.0));
        assertEquals("3.33", Text.num(10.0 / 3));
        assertEquals("0.3", Text.num(0.1 + 0.2));
        assertEquals("0", Text.num(-0.0));
    }

    @Test
    void percentRoundsButNeverClaimsFullOrZeroWrongly() {
        assertEquals("61%", Text.percent(42.5, 70));
        assertEquals("99%", Text.percent(99.9, 100));
        assertEquals("1%", Text.percent(0.1, 100));
        assertEquals("100%", Text.percent(70, 70));
        assertEquals("", Text.percent(0, 0));
    }

    @Test
    void xmlSafeEscapesOnlyCharactersXmlCannotCarry() {
        assertEquals("a\\u0000b\tc\n😀<&>", Text.xmlSafe("a\u0000b\tc\n😀<&>"));
        assertEquals("\\ud800x", Text.xmlSafe("\uD800x"));
    }
}
