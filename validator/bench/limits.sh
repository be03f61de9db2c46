#!/usr/bin/env bash
# How long a grader waits on candidates that misbehave around time, on visible + hidden, default limits.
# Usage: validator/bench/limits.sh [runs]   (from the kit's root, after the README's setup command)
# Grades, each `runs` times (default 3), and prints every run's wall time and the median:
#   never-returns  hostile/InfiniteLoop.java: forward never returns (every case must end `timeout`, aim <= 90 s)
#   clean          valid/LoopAttention.java: correct plain loops
#   leaky          LoopAttention starting a busy non-daemon thread in every constructor (aim <= 2 x clean)
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
loop=validator/app/src/test/resources/candidates/valid/LoopAttention.java
sed -e 's/class LoopAttention/class LeaksBusyThread/' -e 's/public LoopAttention(/public LeaksBusyThread(/' \
    -e 's/^\( *\)capacity = maxCacheLen;/&\n\1Thread spinner = new Thread(() -> { while (true) { Math.sqrt(Math.random()); } });\n\1spinner.setDaemon(false);\n\1spinner.start();/' \
    "$loop" > "$work/LeaksBusyThread.java"

measure() {
  local label=$1 candidate=$2
  local times=()
  for i in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    mvn -q exec:java -Dexec.args="--file $candidate --color never --tests test-cases/kv-attention/visible --tests test-cases/kv-attention/hidden --json $work/$label-$i.json" > /dev/null 2>&1
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  local sorted median
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  local report="$work/$label-$runs.json"
  local score statuses
  score=$(grep -o '"score": *[0-9.]*' "$report" | head -1)
  statuses=$(grep -o '"status": *"[a-z_]*"' "$report" | sort | uniq -c | tr -s ' ' | tr '\n' ';')
  echo "$label: runs ${times[*]} ms; median $median ms; last report: $score; $statuses"
}

echo "load before: $(uptime)"
measure never-returns validator/app/src/test/resources/candidates/hostile/InfiniteLoop.java
measure clean "$loop"
measure leaky "$work/LeaksBusyThread.java"
echo "load after: $(uptime)"
