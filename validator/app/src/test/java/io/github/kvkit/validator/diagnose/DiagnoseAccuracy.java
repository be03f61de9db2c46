package io.github.kvkit.validator.diagnose;

import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.judge.ReferenceOracle;
import io.github.kvkit.validator.observe.Sign;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * How often diagnose names exactly the bugs a variant has: seeded random subsets of a track's catalog applied to its
 * reference, each diagnosed from its behaviour alone (never from its text), with precision and recall per bug and
 * overall. {@code validator/bench/diagnose-accuracy.sh} runs it and writes {@code docs/diagnose-accuracy.md}'s tables.
 *
 * <p>Arguments: {@code TRACK SUBSETS SEED MAX_BUGS CASES...}. A subset has 1 to {@code MAX_BUGS} bugs (uniformly), then
 * that many distinct bugs drawn uniformly; {@link Random} is specified bit for bit, so the subsets are the same on
 * every platform.
 */
public final class DiagnoseAccuracy {

    /** Per bug: how often it was in a variant and named (true positive), named but absent, present but not named. */
    record Tally(int truePositives, int falsePositives, int falseNegatives, int hidden, int hiddenMissed) {
        Tally plus(int tp, int fp, int fn) {
            return new Tally(truePositives + tp, falsePositives + fp, falseNegatives + fn, hidden, hiddenMissed);
        }

        /** One more presence whose signs another bug of the variant hid entirely; {@code missed} when not named. */
        Tally hid(boolean missed) {
            return new Tally(truePositives, falsePositives, falseNegatives, hidden + 1, hiddenMissed + (missed ? 1 : 0));
        }

        /** Recall over the presences that changed what the variant shows. */
        double visibleRecall() {
            int tp = truePositives - (hidden - hiddenMissed);
            int fn = falseNegatives - hiddenMissed;
            return tp + fn == 0 ? 1 : tp / (double) (tp + fn);
        }

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : truePositives / (double) (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : truePositives / (double) (truePositives + falseNegatives);
        }
    }

    public static void main(String[] args) throws Exception {
        String trackId = args[0];
        int subsets = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        int maxBugs = Integer.parseInt(args[3]);
        List<Path> locations = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            locations.add(Path.of(args[i]));
        }
        Track track = Tracks.installed().byId(trackId).orElseThrow();
        List<TestCase> cases = new CaseLoader(Tracks.installed().all(), track).loadAll(locations);
        BugCatalog catalog = BugCatalog.load(BugCatalog.defaultFile(trackId));
        String reference = Files.readString(Path.of(catalog.solution()), StandardCharsets.UTF_8);
        ReferenceOracle oracle = ReferenceOracle.create().remembering();
        FingerprintMaker maker = FingerprintMaker.inProcess(track, cases, oracle);
        long start = System.nanoTime();
        DiagnosePack pack = maker.make(catalog, reference, id -> { });
        System.err.printf(Locale.ROOT, "fingerprints: %.1f s%n", (System.nanoTime() - start) / 1e9);
        for (DiagnosePack.PackedBug b : pack.bugs()) {
            System.err.println(b.id() + " " + b.fingerprint().size() + " signs: " + b.fingerprint());
        }
        Explainer explainer = Explainer.of(pack);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        catalog.bugs().forEach(b -> tallies.put(b.id(), new Tally(0, 0, 0, 0, 0)));
        Random rng = new Random(seed);
        int exact = 0;
        List<String> misses = new ArrayList<>();
        start = System.nanoTime();
        for (int n = 0; n < subsets; n++) {
            List<BugCatalog.Bug> chosen = draw(catalog.bugs(), 1 + rng.nextInt(Math.min(maxBugs, catalog.bugs().size())), rng);
            List<Sign> seen = maker.observe(catalog.apply(reference, chosen));
            Set<String> named = new LinkedHashSet<>();
            explainer.explain(seen).bugs().forEach(b -> named.add(b.id()));
            Set<String> truth = new LinkedHashSet<>();
            chosen.forEach(b -> truth.add(b.id()));
            for (String id : tallies.keySet()) {
                boolean in = truth.contains(id);
                boolean said = named.contains(id);
                tallies.compute(id, (k, t) -> t.plus(in && said ? 1 : 0, !in && said ? 1 : 0, in && !said ? 1 : 0));
            }
            Set<String> keys = keys(seen);
            for (BugCatalog.Bug b : Boolean.getBoolean("quick") ? List.<BugCatalog.Bug>of() : chosen) {
                List<BugCatalog.Bug> others = chosen.stream().filter(o -> o != b).toList();
                if (keys(maker.observe(catalog.apply(reference, others))).equals(keys)) {
                    boolean missed = !named.contains(b.id());
                    tallies.compute(b.id(), (k, t) -> t.hid(missed));
                }
            }
            if (named.equals(truth)) {
                exact++;
            } else {
                misses.add(truth + " -> " + named);
            }
            if ((n + 1) % 20 == 0) {
                System.err.printf(Locale.ROOT, "%d/%d, %.1f s%n", n + 1, subsets, (System.nanoTime() - start) / 1e9);
            }
        }
        misses.forEach(m -> System.err.println("miss: " + m));
        System.out.print(table(trackId, tallies, subsets, seed, maxBugs, exact, locations));
    }

    private static Set<String> keys(List<Sign> signs) {
        Set<String> keys = new java.util.HashSet<>();
        signs.forEach(x -> keys.add(x.key()));
        return keys;
    }

    /** {@code k} distinct bugs, in catalog order (the order the challenge applies them in). */
    public static List<BugCatalog.Bug> draw(List<BugCatalog.Bug> bugs, int k, Random rng) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < bugs.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, rng);
        List<Integer> picked = new ArrayList<>(order.subList(0, k));
        picked.sort(null);
        return picked.stream().map(bugs::get).toList();
    }

    static String table(String track, Map<String, Tally> tallies, int subsets, long seed, int maxBugs, int exact,
                        List<Path> cases) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d subsets (seed %d, 1 to %d bugs each), cases %s; named exactly: %d%n%n",
                track, subsets, seed, maxBugs, cases, exact));
        out.append("| bug | in subsets | named rightly | named wrongly | missed | precision | recall | hidden by others | recall where visible |\n");
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        Tally all = new Tally(0, 0, 0, 0, 0);
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            all = new Tally(all.truePositives() + t.truePositives(), all.falsePositives() + t.falsePositives(),
                    all.falseNegatives() + t.falseNegatives(), all.hidden() + t.hidden(), all.hiddenMissed() + t.hiddenMissed());
            out.append(row(e.getKey(), t));
        }
        out.append(row("**all**", all));
        return out.toString();
    }

    private static String row(String id, Tally t) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.3f | %.3f | %d | %.3f |%n", id,
                t.truePositives() + t.falseNegatives(), t.truePositives(), t.falsePositives(), t.falseNegatives(),
                t.precision(), t.recall(), t.hidden(), t.visibleRecall());
    }
}
