package io.github.kvkit.validator.judge;

import io.github.kvkit.validator.result.CheckResult;

import java.util.List;

/**
 * How a case's points are shared among its checks. Matching the reference is half of a case: its weight
 * equals the number of the case's other scored checks, each of which weighs 1. A case earns
 * {@code points × Σ weight·credit / Σ weight}. {@code docs/validator.md} works an example through.
 */
final class Scoring {

    private Scoring() {
    }

    /** The weight of {@code check} in a case that scores {@code scored}. */
    static double weight(CheckName check, List<CheckName> scored) {
        if (check != CheckName.REFERENCE) {
            return 1;
        }
        long others = scored.stream().filter(c -> c != CheckName.REFERENCE).count();
        return Math.max(1, others);
    }

    /** The points earned by a case worth {@code points} with these checks (0 when it has none). */
    static double score(double points, List<CheckResult> checks) {
        double total = 0;
        double earned = 0;
        for (CheckResult c : checks) {
            total += c.weight();
            earned += c.weight() * c.credit();
        }
        return total == 0 ? 0 : points * earned / total;
    }
}
