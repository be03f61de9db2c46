package io.github.kvkit.validator.diagnose;

import io.github.kvkit.validator.observe.Sign;

import java.util.List;

/**
 * What {@code kvkit diagnose} concluded about one candidate: the catalogued bugs most likely still in it, what no
 * catalogued bug explains, and what it saw per case. Formatters turn it into the console text, the JSON file and
 * the HTML page.
 *
 * @param track       the track's id
 * @param source      the candidate's file, as given
 * @param score       points earned on the cases diagnose ran
 * @param maxScore    points available on them
 * @param bugs        most confident first
 * @param unexplained signs that no named bug's fingerprint has, in the order they were seen (the first deviation first)
 * @param cases       one per case run, in order
 * @param fixes       what each catalogued fix did to a copy of the candidate ({@code --try-fixes}); empty otherwise
 */
public record Diagnosis(String track, String source, double score, double maxScore, List<NamedBug> bugs,
                        List<Sign> unexplained, List<CaseView> cases, List<FixTrial> fixes) {

    public Diagnosis {
        bugs = List.copyOf(bugs);
        unexplained = List.copyOf(unexplained);
        cases = List.copyOf(cases);
        fixes = List.copyOf(fixes);
    }

    /** Whether every case passed: nothing to diagnose. */
    public boolean allPassed() {
        return cases.stream().noneMatch(CaseView::failed);
    }
}
