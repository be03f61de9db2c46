#!/usr/bin/env bash
# The same file gets the same score every time: grades each candidate N times on visible + hidden, exactly as
# a grader does (mvn -q exec:java ... --json), keeps every report, and fails unless all the reports of a
# candidate are identical apart from times (the time_ms fields; validator/bench/SameReports.java compares).
#
# Usage, from the kit's root after the README's setup (mvn -B -q -DskipTests install):
#   validator/bench/repeatability.sh [runs] [candidate.java...]
# Defaults: 10 runs; the plain-loop sample validator/app/src/test/resources/candidates/valid/LoopAttention.java
# and the shipped challenge/kv-attention/KVCachedMultiHeadAttention.java. Reports go to target/repeatability/ (or $OUT).
# Prints each run (exit code, score, wall time, load average), then per candidate the median wall time and
# whether every report was identical. Exit 0 when they all were, 1 when some differed, 2 on a run that did not
# grade (exit code other than 0 or 1: bad usage, compile error, internal error).
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
shift || true
if [ $# -gt 0 ]; then
  candidates=("$@")
else
  candidates=(validator/app/src/test/resources/candidates/valid/LoopAttention.java challenge/kv-attention/KVCachedMultiHeadAttention.java)
fi
out=${OUT:-target/repeatability}
mkdir -p "$out"

load() { sed 's/.*load average: //' <<<"$(uptime)"; }

echo "repeatability: $runs runs per candidate, reports in $out; load average at start $(load)"
status=0
for candidate in "${candidates[@]}"; do
  name=$(basename "$candidate" .java)
  reports=()
  times=()
  for i in $(seq "$runs"); do
    report="$out/$name-$i.json"
    rm -f "$report"
    start=$(date +%s%N)
    mvn -q exec:java -Dexec.args="--file $candidate --tests test-cases/kv-attention/visible --tests test-cases/kv-attention/hidden --json $report --color never" \
      > "$out/$name-$i.log" 2>&1
    code=$?
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    times+=("$ms")
    score=$(grep -m1 -o '"score" *: *[0-9.]*' "$report" 2>/dev/null | sed 's/.*: *//')
    echo "$name run $i: exit $code, score ${score:-?}, $ms ms, load average $(load)"
    if [ "$code" -gt 1 ] || [ ! -f "$report" ]; then
      echo "$name run $i did not grade (exit $code): see $out/$name-$i.log" >&2
      status=2
      continue
    fi
    reports+=("$report")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  echo "$name: wall time per run ${times[*]} ms; median $median ms"
  if [ ${#reports[@]} -gt 0 ]; then
    if ! java validator/bench/SameReports.java "${reports[@]}"; then
      [ $status -eq 0 ] && status=1
    fi
  fi
done
echo "load average at end $(load)"
exit $status
