#!/usr/bin/env bash
# How fast a class is graded: `kvkit grade` on 20 submissions (the challenge, the reference, the three correct samples
# and fifteen edits of the plain-loop sample: validator/app/src/test/java/io/github/kvkit/validator/batch/BenchClass.java)
# on visible + hidden cases, exactly as an instructor runs it. Aim: at least 10 submissions a minute on 2 cores.
#
# Usage, from the kit's root after the README's setup (mvn -B -q -DskipTests install):
#   validator/bench/grade-class.sh [jobs]        (default: the machine's cores)
# Extra Maven arguments (a local repository, offline) go in MVN_ARGS, e.g. MVN_ARGS="-o -Dmaven.repo.local=/path".
# Three runs, each timed from the command to its last line, with the load average before and after:
#   cold       a fresh output folder and an empty cache of the reference's results (the first batch on a machine)
#   warm       a fresh output folder, the cache the cold run filled (every later batch, and after any validate)
#   unchanged  the warm run's folder again, nothing changed (what a re-run costs when no submission moved)
# Work files go to target/grade-class/ (or $OUT); the last gradebook is printed at the end.
set -uo pipefail
cd "$(dirname "$0")/../.."
jobs=${1:-$(nproc 2>/dev/null || echo 2)}
out=${OUT:-target/grade-class}
mvn_args=${MVN_ARGS:-}
rm -rf "$out"
mkdir -p "$out"

load() { sed 's/.*load average: //' <<<"$(uptime)"; }

# shellcheck disable=SC2086
mvn -q $mvn_args -pl validator/app test-compile dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" > "$out/build.log" 2>&1 \
  || { echo "building the test classes failed: see $out/build.log" >&2; exit 2; }
java -cp "validator/app/target/test-classes:$(cat "$out/classpath.txt")" io.github.kvkit.validator.batch.BenchClass "$out/submissions" \
  || exit 2
count=$(find "$out/submissions" -mindepth 1 -maxdepth 1 | wc -l)

grade() {
  local label=$1 output=$2
  local before start end ms
  before=$(load)
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  mvn -q $mvn_args exec:java -Dexec.args="grade $out/submissions --tests test-cases/kv-attention/visible --tests test-cases/kv-attention/hidden --jobs $jobs --expected-cache $out/cache -o $output" \
    > "$out/$label.log" 2>&1
  local code=$?
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  local rate
  rate=$(awk -v n="$count" -v ms="$ms" 'BEGIN { printf "%.1f", n * 60000 / ms }')
  echo "$label: exit $code, $count submissions in $(awk -v ms="$ms" 'BEGIN { printf "%.1f", ms / 1000 }') s = $rate a minute, $jobs at a time; load average before $before, after $(load)"
  grep -E '^Graded ' "$out/$label.log"
}

echo "grade-class: $count submissions, visible + hidden, $jobs jobs, $(nproc 2>/dev/null) cores; load average at start $(load)"
grade cold "$out/cold"
grade warm "$out/warm"
grade unchanged "$out/warm"
echo
sed -n '/^Scores of/,/^Wrote/p' "$out/warm.log"
echo
cat "$out/warm/grades.csv"
