#!/usr/bin/env bash
# How often kvkit diagnose names exactly the bugs a variant has: seeded random subsets of a track's catalog applied
# to its reference, each diagnosed from its behaviour alone, with precision and recall per bug
# (validator/app/src/test/java/io/github/kvkit/validator/diagnose/DiagnoseAccuracy.java). The tables go in
# docs/diagnose-accuracy.md.
#
# Usage, from the kit's root after the README's setup (mvn -B -q -DskipTests install):
#   validator/bench/diagnose-accuracy.sh [track] [subsets] [seed] [max bugs per subset]
# Defaults: kv-attention, 200 subsets, seed 1, 1 to 5 bugs each; the cases are the track's visible and diagnose
# ones, what `kvkit diagnose` runs by default. Set QUICK=1 to skip the column "hidden by others" (each bug of each
# subset graded again without it), which triples the time.
set -euo pipefail
cd "$(dirname "$0")/../.."
track=${1:-kv-attention}
subsets=${2:-200}
seed=${3:-1}
max=${4:-5}
mvn -B -q -o -pl validator/app test-compile
mvn -B -q -o -pl validator/app dependency:build-classpath -Dmdep.outputFile=target/diagnose-accuracy.cp \
  -Dmdep.includeScope=test
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" >&2
start=$(date +%s)
# ND4J prints its refusals of a bug's shapes on stdout from native code: only the table's lines are kept
java ${JOPTS:-} -Dquick="${QUICK:+true}" \
  -cp "validator/app/target/test-classes:validator/app/target/classes:$(cat validator/app/target/diagnose-accuracy.cp)" \
  io.github.kvkit.validator.diagnose.DiagnoseAccuracy "$track" "$subsets" "$seed" "$max" \
  "test-cases/$track/visible" "test-cases/$track/diagnose" 2> "target/diagnose-accuracy-$track.log" | grep -a '^|\|named exactly'
echo "took $(( $(date +%s) - start )) s; load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown);" \
  "fingerprints and misses: target/diagnose-accuracy-$track.log" >&2
