package io.github.kvkit.validator.diagnose;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * Everything diagnose needs about a track's bugs, made once from the catalog and the reference
 * ({@link FingerprintMaker}) and kept on disk ({@link DiagnosePacks}): each bug's fingerprint on a set of cases, and
 * the text its hints are made from. A student kit ships one made on its visible cases, without the reference or the
 * catalog; the hints it can give there stop at the level the instructor allowed ({@link #maxHint}): below level 3
 * the pack holds no title, fix or explanation.
 *
 * @param format  {@link #FORMAT} when written
 * @param track   the track's id
 * @param cases   the names of the cases the fingerprints were taken on, in order
 * @param maxHint     the highest hint level this pack gives before {@code unlockAfter} attempts
 * @param unlockAfter after this many diagnoses of the same file, recorded locally, every level is given; 0: never
 * @param bugs        in catalog order
 * @param pairs       the fingerprint of every two bugs together: one bug often hides or changes what another shows
 *                    (a step that throws shows nothing else), which single fingerprints cannot tell
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiagnosePack(int format, String track, List<String> cases, int maxHint, int unlockAfter,
                           List<PackedBug> bugs, List<PairPrint> pairs) {

    /** Changes whenever the layout or the meaning of a fingerprint changes. */
    public static final int FORMAT = 3;   // 3: one uncredited@CASE sign for the checks a case left uncredited

    public DiagnosePack {
        cases = List.copyOf(cases);
        bugs = List.copyOf(bugs);
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
    }

    /** The fingerprint of bugs {@code a} and {@code b} together, {@code a} first in catalog order. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PairPrint(String a, String b, List<String> fingerprint) {

        public PairPrint {
            fingerprint = List.copyOf(fingerprint);
        }
    }

    /**
     * One bug: its fingerprint (the keys of the signs it shows when it is the only bug in the reference) and its hints'
     * material.
     *
     * @param method      the method it is in, as the catalog writes it
     * @param hint        where in the method, in words (level 2)
     * @param buggy       the line as the challenge has it, to find it in a student's file (level 2)
     * @param fixed       the line as the reference has it (level 3; null in a pack capped lower)
     * @param title       what the bug is (level 3; null when capped)
     * @param why         why the fix is right (level 3; null when capped)
     * @param fingerprint sign keys, in the order they were seen
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PackedBug(String id, String method, String hint, String buggy, String fixed, String title, String why,
                            List<String> fingerprint) {

        public PackedBug {
            fingerprint = List.copyOf(fingerprint);
        }
    }

    /**
     * The same pack for a student kit: hints stop at {@code level}; with {@code unlockAfter > 0} every level is given
     * after that many attempts, so the material stays in the pack (a student who reads the file sees it); without,
     * what hints above {@code level} would show is left out.
     */
    public DiagnosePack forKit(int level, int unlockAfter) {
        List<PackedBug> kept = unlockAfter > 0 || level >= Hint.MAX_LEVEL ? bugs : bugs.stream()
                .map(b -> new PackedBug(b.id(), level >= 2 ? b.method() : "", level >= 2 ? b.hint() : "",
                        b.buggy(), null, null, null, b.fingerprint())).toList();
        return new DiagnosePack(format, track, cases, Math.min(level, maxHint), unlockAfter, kept, pairs);
    }
}
