package io.github.kvkit.validator.diagnose;

import io.github.kvkit.validator.observe.Sign;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which catalogued bugs best explain the signs a candidate shows. Students fix some bugs and keep others, so the
 * answer is a set: the one whose predicted signs cover the most of what was seen while predicting the least of what
 * was not, with a small cost per bug named (the simplest explanation wins a tie).
 *
 * <p>What a set predicts: one bug, its fingerprint; several, the union of the fingerprints of every two of them
 * together when the pack has those (one bug often hides another's signs: a step that throws shows nothing else, so
 * the union of single fingerprints would predict signs that cannot appear), else the union of single fingerprints.
 * A sign counts 1/n where n bugs can show it (alone or with another), so that a sign only one bug shows weighs most.
 * Every set of plausible bugs is tried when there are at most {@value #EXHAUSTIVE} of them, else bugs are added
 * greedily and then dropped while that helps. A named bug's confidence grows with how much worse the best
 * explanation without it is.
 */
public final class Explainer {

    /** Up to this many plausible bugs, every subset is scored (2^16 subsets of bit sets: well under a second). */
    static final int EXHAUSTIVE = 16;
    /**
     * What a sign a set predicts but the candidate does not show costs, against 1 for a sign explained. The three
     * constants were chosen on kv-attention's measurement ({@code docs/diagnose-accuracy.md}).
     */
    static final double MISSING = 0.1;
    /** What naming one more bug costs. */
    static final double PER_BUG = 0.1;
    /**
     * Without pair fingerprints, a bug is plausible when at least this share of its fingerprint was seen (another bug
     * may hide the rest); with them, every bug that shows anything is.
     */
    static final double PLAUSIBLE = 0.2;

    /** A bug named, how sure, and the signs seen that it explains. */
    public record Named(String id, double confidence, List<Sign> explains) {
    }

    /** The explanation: bugs most confident first, and the signs none of them explains. */
    public record Explanation(List<Named> bugs, List<Sign> unexplained) {
    }

    private final List<DiagnosePack.PackedBug> bugs;
    private final List<DiagnosePack.PairPrint> pairs;

    /** An explainer from single fingerprints only. */
    public Explainer(List<DiagnosePack.PackedBug> bugs) {
        this(bugs, List.of());
    }

    public Explainer(List<DiagnosePack.PackedBug> bugs, List<DiagnosePack.PairPrint> pairs) {
        this.bugs = List.copyOf(bugs);
        this.pairs = List.copyOf(pairs);
    }

    /** The explainer of a pack. */
    public static Explainer of(DiagnosePack pack) {
        return new Explainer(pack.bugs(), pack.pairs());
    }

    /** The bugs that best explain {@code seen}. */
    public Explanation explain(List<Sign> seen) {
        return explain(seen, java.util.Set.of());
    }

    /** The bugs that best explain {@code seen}, none of those in {@code ruledOut} (known to be fixed). */
    public Explanation explain(List<Sign> seen, java.util.Set<String> ruledOut) {
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<String, Sign> firstSeen = new LinkedHashMap<>();
        for (Sign s : seen) {
            index.putIfAbsent(s.key(), index.size());
            firstSeen.putIfAbsent(s.key(), s);
        }
        BitSet observed = new BitSet();
        observed.set(0, index.size());
        int n = bugs.size();
        BitSet[] prints = new BitSet[n];
        for (int b = 0; b < n; b++) {
            prints[b] = bits(bugs.get(b).fingerprint(), index);
        }
        BitSet[][] pairPrints = pairPrints(index);
        double[] weight = weights(index.size(), prints, pairPrints);
        List<Integer> plausible = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            BitSet hit = (BitSet) prints[b].clone();
            hit.and(observed);
            boolean shows = !prints[b].isEmpty() && !ruledOut.contains(bugs.get(b).id());
            if (shows && (pairPrints != null || (!hit.isEmpty() && hit.cardinality() >= PLAUSIBLE * prints[b].cardinality()))) {
                plausible.add(b);
            }
        }
        Search search = new Search(observed, prints, pairPrints, plausible, weight);
        BitSet best = plausible.size() <= EXHAUSTIVE ? search.exhaustive() : search.greedy();
        double bestScore = search.score(best);
        BitSet predicted = search.predicted(best);
        List<Named> named = new ArrayList<>();
        for (int b = best.nextSetBit(0); b >= 0; b = best.nextSetBit(b + 1)) {
            double margin = bestScore - search.bestWithout(b, best);
            BitSet own = search.predictedWith(b, best);
            own.and(observed);
            List<Sign> explains = new ArrayList<>();
            for (Sign s : firstSeen.values()) {
                if (own.get(index.get(s.key()))) {
                    explains.add(s);
                }
            }
            named.add(new Named(bugs.get(b).id(), confidence(margin), explains));
        }
        named.sort(Comparator.comparingDouble(Named::confidence).reversed());
        List<Sign> unexplained = firstSeen.values().stream().filter(s -> !predicted.get(index.get(s.key()))).toList();
        return new Explanation(named, unexplained);
    }

    /** {@code [a][b]} for {@code a < b}: the two bugs' fingerprint together; null when the pack has no pairs. */
    private BitSet[][] pairPrints(Map<String, Integer> index) {
        if (pairs.isEmpty()) {
            return null;
        }
        Map<String, Integer> position = new HashMap<>();
        for (int b = 0; b < bugs.size(); b++) {
            position.put(bugs.get(b).id(), b);
        }
        BitSet[][] prints = new BitSet[bugs.size()][bugs.size()];
        for (DiagnosePack.PairPrint p : pairs) {
            Integer a = position.get(p.a());
            Integer b = position.get(p.b());
            if (a != null && b != null) {
                prints[Math.min(a, b)][Math.max(a, b)] = bits(p.fingerprint(), index);
            }
        }
        return prints;
    }

    /** 1/n for a sign n bugs can show, alone or with another. */
    private static double[] weights(int keys, BitSet[] prints, BitSet[][] pairPrints) {
        double[] count = new double[keys];
        for (int b = 0; b < prints.length; b++) {
            BitSet can = (BitSet) prints[b].clone();
            if (pairPrints != null) {
                for (int o = 0; o < prints.length; o++) {
                    BitSet p = o == b ? null : pairPrints[Math.min(b, o)][Math.max(b, o)];
                    if (p != null) {
                        can.or(p);
                    }
                }
            }
            for (int k = can.nextSetBit(0); k >= 0 && k < keys; k = can.nextSetBit(k + 1)) {
                count[k]++;
            }
        }
        double[] weight = new double[keys];
        for (int k = 0; k < keys; k++) {
            weight[k] = count[k] == 0 ? 0 : 1 / count[k];
        }
        return weight;
    }

    private static BitSet bits(List<String> keys, Map<String, Integer> index) {
        BitSet bits = new BitSet();
        for (String key : keys) {
            bits.set(index.computeIfAbsent(key, k -> index.size()));
        }
        return bits;
    }

    /** 0 for a bug another explains as well, near 1 for one that explains several signs nothing else does. */
    static double confidence(double margin) {
        return margin <= 0 ? 0 : Math.round(1000 * (1 - Math.exp(-margin / 2))) / 1000.0;
    }

    /** Scores sets of bugs (bit {@code b} set: bug {@code b} named). */
    private static final class Search {
        private final BitSet observed;
        private final BitSet[] prints;
        private final BitSet[][] pairPrints;
        private final List<Integer> plausible;
        private final double[] weight;

        Search(BitSet observed, BitSet[] prints, BitSet[][] pairPrints, List<Integer> plausible, double[] weight) {
            this.observed = observed;
            this.prints = prints;
            this.pairPrints = pairPrints;
            this.plausible = plausible;
            this.weight = weight;
        }

        /** The signs {@code set} predicts (see the class comment). */
        BitSet predicted(BitSet set) {
            BitSet covered = new BitSet();
            boolean paired = pairPrints != null && set.cardinality() > 1;
            for (int a = set.nextSetBit(0); a >= 0; a = set.nextSetBit(a + 1)) {
                if (!paired) {
                    covered.or(prints[a]);
                    continue;
                }
                for (int b = set.nextSetBit(a + 1); b >= 0; b = set.nextSetBit(b + 1)) {
                    BitSet p = pairPrints[a][b];
                    covered.or(p != null ? p : union(prints[a], prints[b]));
                }
            }
            return covered;
        }

        /**
         * What {@code b} adds to the prediction of {@code set}: its own fingerprint, and what each pair with another bug
         * of the set predicts beyond that other bug's own fingerprint.
         */
        BitSet predictedWith(int b, BitSet set) {
            BitSet covered = (BitSet) prints[b].clone();
            if (pairPrints == null || set.cardinality() < 2) {
                return covered;
            }
            for (int o = set.nextSetBit(0); o >= 0; o = set.nextSetBit(o + 1)) {
                BitSet p = o == b ? null : pairPrints[Math.min(b, o)][Math.max(b, o)];
                if (p != null) {
                    BitSet beyond = (BitSet) p.clone();
                    beyond.andNot(prints[o]);
                    covered.or(beyond);
                }
            }
            return covered;
        }

        private static BitSet union(BitSet a, BitSet b) {
            BitSet u = (BitSet) a.clone();
            u.or(b);
            return u;
        }

        private double weigh(BitSet keys) {
            double sum = 0;
            for (int k = keys.nextSetBit(0); k >= 0; k = keys.nextSetBit(k + 1)) {
                sum += k < weight.length ? weight[k] : 0;
            }
            return sum;
        }

        double score(BitSet set) {
            BitSet covered = predicted(set);
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
