package io.github.kvkit.validator.result;

/**
 * How the candidate's code was contained, as a report states it.
 *
 * @param mode      what was asked for: {@code auto}, {@code on}, {@code off}, {@code bubblewrap}, {@code setpriv},
 *                  or {@code in-process}
 * @param mechanism what ran the candidate: {@code bubblewrap}, {@code setpriv}, {@code none} (a plain child JVM),
 *                  {@code in-process}, or empty when nothing of it ran because the validator stopped first
 */
public record Sandboxing(String mode, String mechanism) {

    /** {@code --in-process}: the candidate ran inside the validator's JVM. */
    public static final Sandboxing IN_PROCESS = new Sandboxing("in-process", "in-process");

    public Sandboxing {
        mode = mode == null ? "" : mode;
        mechanism = mechanism == null ? "" : mechanism;
    }
}
