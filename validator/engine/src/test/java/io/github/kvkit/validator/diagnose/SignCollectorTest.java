package io.github.kvkit.validator.diagnose;

import io.github.kvkit.validator.judge.Judge;
import io.github.kvkit.validator.observe.Sign;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.Status;
import io.github.kvkit.validator.result.Visibility;
import io.github.kvkit.validator.track.Track;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SignCollectorTest {

    /** A track with no observer: only the engine's own signs are collected. */
    private static final Track PLAIN = (Track) Proxy.newProxyInstance(Track.class.getClassLoader(),
            new Class<?>[] {Track.class}, (proxy, method, args) -> method.isDefault()
                    ? InvocationHandler.invokeDefault(proxy, method, args) : null);

    private static List<String> keys(Status status, CheckResult... checks) {
        SignCollector collector = new SignCollector(false);
        collector.judged(PLAIN, null, null, null, new CaseResult("c1", "core", Visibility.VISIBLE, 0, 4, status,
                status == Status.FAILED ? "" : "why", List.of(checks), 1));
        return collector.signs().stream().map(Sign::key).toList();
    }

    @Test
    void eachRealFailureIsASignOfItsCheck() {
        assertThat(keys(Status.FAILED, CheckResult.fail("reference", "off by 0.5"), CheckResult.pass("shape", "")))
                .containsExactly("check:reference@c1");
    }

    @Test
    void checksLeftUncreditedForWantOfEvidenceMakeOneSignForTheirCase() {
        assertThat(keys(Status.FAILED, CheckResult.fail("shape", Judge.NOT_CREDITED + "no step returned"),
                CheckResult.fail("finite", Judge.NOT_CREDITED + "no step returned"),
                CheckResult.fail("reference", "step 1 threw")))
                .containsExactly("check:reference@c1", "uncredited@c1");
    }

    @Test
    void aCaseThatStoppedSaysHow() {
        assertThat(keys(Status.TIMEOUT)).containsExactly("stopped:timeout@c1");
    }
}
