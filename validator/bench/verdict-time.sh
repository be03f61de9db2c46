#!/usr/bin/env bash
# Time to a verdict, as a student or a grader sees it: from the mvn exec:java command to its last line.
# Usage: validator/bench/verdict-time.sh [runs] [candidate]   (from the kit's root, after the README's setup)
# Prints each run's wall time and the median, for visible cases only and for visible + hidden.
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
candidate=${2:-solution/kv-attention/KVCachedMultiHeadAttention.java}

measure() {
  local label=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    mvn -q exec:java -Dexec.args="--file $candidate --color never $*" > /dev/null 2>&1
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  echo "$label: runs ${times[*]} ms; median $(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p") ms"
}

measure "visible" --tests test-cases/kv-attention/visible
measure "visible+hidden" --tests test-cases/kv-attention/visible --tests test-cases/kv-attention/hidden
