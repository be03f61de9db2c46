package io.github.kvkit.validator.diagnose;

import io.github.kvkit.validator.observe.Sign;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which catalogued bugs best explain the signs a candidate shows. Students fix some bugs and keep others, so the
 * answer is a set: the one whose fingerprints, together, cover the most of what was seen while predicting the least of
 * what was not, with a small cost per bug named (the simplest explanation wins a tie). Every set of plausible bugs is
 * tried when there are at most {@value #EXHAUSTIVE} of them, else bugs are added greedily and then dropped while that
 * helps. A named bug's confidence grows with how much worse the best explanation without it is.
 */
public final class Explainer {

    /** Up to this many plausible bugs, every subset is scored (2^16 subsets of bit sets: milliseconds). */
    static final int EXHAUSTIVE = 16;
    /**
     * What a sign a set predicts but the candidate does not show costs, against 1 for a sign explained. Small, since
     * one bug often hides another's signs (a step that throws shows nothing else); the three constants were chosen on
     * kv-attention's measurement ({@code docs/diagnose-accuracy.md}).
     */
    static final double MISSING = 0.1;
    /** What naming one more bug costs. */
    static final double PER_BUG = 0.3;
    /** A bug is plausible when at least this share of its fingerprint was seen (another bug may hide the rest). */
    static final double PLAUSIBLE = 0.2;

    /** A bug named, how sure, and the signs seen that it explains. */
    public record Named(String id, double confidence, List<Sign> explains) {
    }

    /** The explanation: bugs most confident first, and the signs none of them explains. */
    public record Explanation(List<Named> bugs, List<Sign> unexplained) {
    }

    private final List<DiagnosePack.PackedBug> bugs;

    public Explainer(List<DiagnosePack.PackedBug> bugs) {
        this.bugs = List.copyOf(bugs);
    }

    /** The bugs that best explain {@code seen}. */
    public Explanation explain(List<Sign> seen) {
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<String, Sign> firstSeen = new LinkedHashMap<>();
        for (Sign s : seen) {
            index.putIfAbsent(s.key(), index.size());
            firstSeen.putIfAbsent(s.key(), s);
        }
        BitSet observed = new BitSet();
        observed.set(0, index.size());
        List<Integer> plausible = new ArrayList<>();
        BitSet[] prints = new BitSet[bugs.size()];
        for (int b = 0; b < bugs.size(); b++) {
            prints[b] = new BitSet();
            for (String key : bugs.get(b).fingerprint()) {
                prints[b].set(index.computeIfAbsent(key, k -> index.size()));
            }
            BitSet hit = (BitSet) prints[b].clone();
            hit.and(observed);
            if (!hit.isEmpty() && hit.cardinality() >= PLAUSIBLE * prints[b].cardinality()) {
                plausible.add(b);
            }
        }
        double[] weight = new double[index.size()];
        for (BitSet print : prints) {
            for (int k = print.nextSetBit(0); k >= 0; k = print.nextSetBit(k + 1)) {
                weight[k]++;
            }
        }
        for (int k = 0; k < weight.length; k++) {
            weight[k] = weight[k] == 0 ? 0 : 1 / weight[k];
        }
        Search search = new Search(observed, prints, plausible, weight);
        BitSet best = plausible.size() <= EXHAUSTIVE ? search.exhaustive() : search.greedy();
        double bestScore = search.score(best);
        List<Named> named = new ArrayList<>();
        BitSet explained = new BitSet();
        for (int b = best.nextSetBit(0); b >= 0; b = best.nextSetBit(b + 1)) {
            double margin = bestScore - search.bestWithout(b, best);
            List<Sign> explains = new ArrayList<>();
            BitSet hit = (BitSet) prints[b].clone();
            hit.and(observed);
            explained.or(hit);
            for (Sign s : firstSeen.values()) {
                if (hit.get(index.get(s.key()))) {
                    explains.add(s);
                }
            }
            named.add(new Named(bugs.get(b).id(), confidence(margin), explains));
        }
        named.sort(Comparator.comparingDouble(Named::confidence).reversed());
        List<Sign> unexplained = firstSeen.values().stream().filter(s -> !explained.get(index.get(s.key()))).toList();
        return new Explanation(named, unexplained);
    }

    /** 0 for a bug another explains as well, near 1 for one that explains several signs nothing else does. */
    static double confidence(double margin) {
        return margin <= 0 ? 0 : Math.round(1000 * (1 - Math.exp(-margin / 2))) / 1000.0;
    }

    /** Scores sets of bugs (bit {@code b} set: bug {@code b} named). */
    private static final class Search {
        private final BitSet observed;
        private final BitSet[] prints;
        private final List<Integer> plausible;

        private final double[] weight;

        Search(BitSet observed, BitSet[] prints, List<Integer> plausible, double[] weight) {
            this.observed = observed;
            this.prints = prints;
            this.plausible = plausible;
            this.weight = weight;
        }

        private double weigh(BitSet keys) {
            double sum = 0;
            for (int k = keys.nextSetBit(0); k >= 0; k = keys.nextSetBit(k + 1)) {
                sum += weight[k];
            }
            return sum;
        }

        double score(BitSet set) {
            BitSet covered = new BitSet();
            for (int b = set.nextSetBit(0); b >= 0; b = set.nextSetBit(b + 1)) {
                covered.or(prints[b]);
            }
            BitSet missing = (BitSet) covered.clone();
            missing.andNot(observed);
            covered.and(observed);
            return weigh(covered) - MISSING * weigh(missing) - PER_BUG * set.cardinality();
        }

        BitSet exhaustive() {
            BitSet best = new BitSet();
            double bestScore = 0;
            for (long mask = 1; mask < (1L << plausible.size()); mask++) {
                BitSet set = subset(mask);
                double s = score(set);
                if (s > bestScore + 1e-9) {
                    best = set;
                    bestScore = s;
                }
            }
            return best;
        }

        BitSet greedy() {
            BitSet set = new BitSet();
            double current = 0;
            boolean changed = true;
            while (changed) {
                changed = false;
                int pick = -1;
                double pickScore = current;
                for (int b : plausible) {
                    if (!set.get(b)) {
                        set.set(b);
                        double s = score(set);
                        set.clear(b);
                        if (s > pickScore + 1e-9) {
                            pick = b;
                            pickScore = s;
                        }
                    }
                }
                if (pick >= 0) {
                    set.set(pick);
                    current = pickScore;
                    changed = true;
                }
            }
            for (int b = set.nextSetBit(0); b >= 0; b = set.nextSetBit(b + 1)) {
                set.clear(b);
                double s = score(set);
                if (s < current - 1e-9) {
                    set.set(b);
                } else {
                    current = s;
                }
            }
            return set;
        }

        /** The best score of a set without {@code b}: {@code best} less {@code b}, or {@code b} swapped for another bug. */
        double bestWithout(int b, BitSet best) {
            BitSet without = (BitSet) best.clone();
            without.clear(b);
            double top = score(without);
            for (int other : plausible) {
                if (other != b && !without.get(other)) {
                    without.set(other);
                    top = Math.max(top, score(without));
                    without.clear(other);
                }
            }
            return top;
        }

        private BitSet subset(long mask) {
            BitSet set = new BitSet();
            for (int i = 0; i < plausible.size(); i++) {
                if ((mask & (1L << i)) != 0) {
                    set.set(plausible.get(i));
                }
            }
            return set;
        }
    }
}
