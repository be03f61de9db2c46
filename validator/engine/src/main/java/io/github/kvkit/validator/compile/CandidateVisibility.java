package io.github.kvkit.validator.compile;

import io.github.kvkit.harness.Call;
import io.github.kvkit.harness.TrackHarness;
import io.github.kvkit.harness.child.ChildMain;
import io.github.kvkit.harness.wire.Channel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one rule of what a candidate may see of kvkit: the packages each installed track's harness names
 * ({@link TrackHarness#candidateApi()}), the contracts; their modules (jars, or {@code target/classes} in a reactor
 * build) are what {@link CandidateClasspath} puts on the compiler's class path, with the libraries fixed at build
 * time. The in-process loader ({@code load.IsolatingClassLoader}) shows the same; the child JVM also gets the
 * harness modules it runs the calls with. The reference and the validator are in other modules, never visible.
 */
public final class CandidateVisibility {

    private CandidateVisibility() {
    }

    /** One class of each package a candidate may see. */
    public static List<Class<?>> candidateApi() {
        Set<Class<?>> out = new LinkedHashSet<>();
        for (TrackHarness h : TrackHarness.installed()) {
            out.addAll(h.candidateApi());
        }
        return List.copyOf(out);
    }

    /**
     * One class of each package the child JVM needs besides the candidate's API: the engine's harness (its calls,
     * its wire protocol, its main class) and each track's harness.
     */
    public static List<Class<?>> harnessClasses() {
        List<Class<?>> out = new ArrayList<>();
        out.add(Call.class);
        out.add(Channel.class);
        out.add(ChildMain.class);
        for (TrackHarness h : TrackHarness.installed()) {
            if (!out.contains(h.getClass())) {
                out.add(h.getClass());
            }
        }
        return out;
    }

    /** {@code "io/github/kvkit/api/"}: the resource prefixes of {@link #candidateApi()}'s packages. */
    public static List<String> visiblePrefixes() {
        return candidateApi().stream().map(c -> c.getPackageName().replace('.', '/') + "/").distinct().toList();
    }
}
