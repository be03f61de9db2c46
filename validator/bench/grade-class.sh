#!/usr/bin/env bash
# How fast a class is graded: `kvkit grade` on 20 submissions (the challenge, the reference, the three correct samples
# and fifteen edits of the plain-loop sample: validator/app/src/test/java/io/github/kvkit/validator/batch/BenchClass.java)
# on visible + hidden cases, exactly as an instructor runs it. Aim: at least 10 submissions a minute on 2 cores.
#
# Usage, from the kit's root after the README's setup (mvn -B -q -DskipTests install):
#   validator/bench/grade-class.sh [--partly-fixed] [jobs]        (default: the machine's cores)
# --partly-fixed grades the other class of 20: the challenge as students hand it in, each with a seeded random subset
# of its catalogued bugs left (validator/app/src/test/java/io/github/kvkit/validator/batch/PartlyFixedClass.java).
# Extra Maven arguments (a local repository, offline) go in MVN_ARGS, e.g. MVN_ARGS="-o -Dmaven.repo.local=/path".
# Three runs, each timed from the command to its last line, with the load average before and after:
#   first      a fresh output folder and an empty cache of the reference's results: the whole class, the reference
#              computing each case once for all of it (a later batch reads the cache instead: about 13 s of CPU less)
#   unchanged  the same folder again, nothing changed: what a re-run costs when no submission moved
#   one-edit   the same folder after one submission (the reference, or student01) changed: a re-run grades that one
# With the default limits, the batch lasts at least as long as its slowest submission: ReprojectsCache (it projects
# the whole cache again for every row) runs until the total limit of 10 minutes.
# Work files go to target/grade-class/ (or $OUT). At the end: the first run's summary, and each student's score and
# time from start to verdict (its report's time_ms; with N jobs, about N of them run at once).
set -uo pipefail
cd "$(dirname "$0")/../.."

# in a function, so that bash has read all of it before it starts: a run lasts many minutes
main() {
  writer=io.github.kvkit.validator.batch.BenchClass
  if [ "${1:-}" = --partly-fixed ]; then
    writer=io.github.kvkit.validator.batch.PartlyFixedClass
    shift
  fi
  jobs=${1:-$(nproc 2>/dev/null || echo 2)}
  out=${OUT:-target/grade-class}
  mvn_args=${MVN_ARGS:-}
  rm -rf "$out"
  mkdir -p "$out"

  load() { sed 's/.*load average: //' <<<"$(uptime)"; }

  # shellcheck disable=SC2086
  mvn -q $mvn_args -pl validator/app test-compile dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" > "$out/build.log" 2>&1 \
    || { echo "building the test classes failed: see $out/build.log" >&2; exit 2; }
  java -cp "validator/app/target/test-classes:$(cat "$out/classpath.txt")" "$writer" "$out/submissions" \
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
    local rate=""
    if [ "$label" = first ]; then
      rate=" = $(awk -v n="$count" -v ms="$ms" 'BEGIN { printf "%.1f", n * 60000 / ms }') a minute"
    fi
    echo "$label: exit $code, the class of $count in $(awk -v ms="$ms" 'BEGIN { printf "%.1f", ms / 1000 }') s$rate, $jobs at a time; load average before $before, after $(load)"
    grep -E '^Graded ' "$out/$label.log"
  }

  echo "grade-class: $count submissions, visible + hidden, $jobs jobs, $(nproc 2>/dev/null) cores; load average at start $(load)"
  grade first "$out/class"
  cp -r "$out/class/reports" "$out/first-reports"
  grade unchanged "$out/class"
  edited=$(find "$out/submissions" -path '*/reference/*.java' -o -path '*/student01/*.java' | head -1)
  echo "// edited" >> "$edited"
  grade one-edit "$out/class"
  echo
  sed -n '/^Scores of/,/^Wrote/p' "$out/first.log"
  echo
  echo "each submission in the first run (score, status, seconds from start to verdict):"
  tail -n +2 "$out/class/grades.csv" | while IFS=, read -r student score max status _; do
    ms=$(grep -m1 -o '"time_ms": *[0-9]*' "$out/first-reports/$student/report.json" | sed 's/.*: *//')
    printf '  %-32s %7s / %s  %-14s %6.1f s\n' "$student" "$score" "$max" "$status" "$(awk -v ms="$ms" 'BEGIN { print ms / 1000 }')"
  done
}

main "$@"
