package io.github.kvkit.validator.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColorModeTest {

    private final ColorMode.Converter converter = new ColorMode.Converter();

    @Test
    void aModeIsReadInAnyCase() {
        assertThat(converter.convert("never")).isEqualTo(ColorMode.NEVER);
        assertThat(converter.convert("Always")).isEqualTo(ColorMode.ALWAYS);
        assertThat(converter.convert("AUTO")).isEqualTo(ColorMode.AUTO);
    }

    @Test
    void anyOtherValueIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> converter.convert("purple")).isInstanceOf(BadValueException.class)
                .hasMessage("purple; expected auto, always or never");
    }

    @Test
    void theChoicesNameEveryMode() {
        for (ColorMode mode : ColorMode.values()) {
            assertThat(ColorMode.CHOICES).contains(mode.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void neverAndAlwaysDoNotDependOnTheTerminal() {
        assertThat(ColorMode.NEVER.colors()).isFalse();
        assertThat(ColorMode.ALWAYS.colors()).isTrue();
    }
}
