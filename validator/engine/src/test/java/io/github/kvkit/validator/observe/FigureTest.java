package io.github.kvkit.validator.observe;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FigureTest {

    private static List<String> titles(int calls, Set<Integer> steps, Set<Integer> deviating) {
        return Figure.ofSteps(calls, steps::contains, deviating::contains,
                i -> new Figure("call " + i, List.of(), List.of())).stream().map(Figure::title).toList();
    }

    @Test
    void everyDeviatingStepGetsAFigureInCallOrder() {
        assertThat(titles(6, Set.of(1, 2, 4, 5), Set.of(5, 2))).containsExactly("call 2", "call 5");
    }

    @Test
    void theFirstStepStandsInWhenNoneDeviates() {
        assertThat(titles(4, Set.of(2, 3), Set.of())).containsExactly("call 2");
    }

    @Test
    void callsThatAreNotStepsNeverGetAFigure() {
        assertThat(titles(3, Set.of(), Set.of(0, 1, 2))).isEmpty();
    }
}
