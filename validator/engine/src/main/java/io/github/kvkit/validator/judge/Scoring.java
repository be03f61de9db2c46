package io.github.kvkit.validator.judge;

import io.github.kvkit.validator.result.CheckResult;

import java.util.List;

/**
 * How a case's points are shared among its checks: each check has a weight ({@link Check#weight}) and earns a
 * credit from 0 to 1, and a case earns {@code points × Σ weight·credit / Σ weight}. In kv-attention matching the
 * reference is half of a case. {@code docs/validator.md} works an example through.
 */
public final class Scoring {

    private Scoring() {
    }

    /** The points earned by a case worth {@code points} with these checks (0 when it has none). */
    public static double score(double points, List<CheckResult> checks) {
        double total = 0;
        double earned = 0;
        for (CheckResult c : checks) {
            total += c.weight();
            earned += c.weight() * c.credit();
        }
        return total == 0 ? 0 : points * earned / total;
    }
}
