#!/usr/bin/env bash
# What the sandbox costs a student: the README's grading command on the visible cases, reference as candidate,
# with --sandbox off (a plain child JVM), bubblewrap and, as root, setpriv, the three interleaved in each round
# so that a change in the machine's load hits them alike.
# Usage: validator/bench/sandbox-cost.sh [rounds]   (from the kit's root, after the README's setup; Linux)
# Prints each run's wall time, the medians, and the load average before and after.
set -uo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}
candidate=solution/kv-attention/KVCachedMultiHeadAttention.java
# setpriv refuses cases other users could read: a private copy of the visible cases
private=$(mktemp -d)
trap 'rm -rf "$private"' EXIT
cp -r test-cases/kv-attention/visible "$private/"
chmod -R go-rwx "$private"

modes=(off bubblewrap)
[ "$(id -u)" = 0 ] && modes+=(setpriv)
declare -A times
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$rounds"); do
  for mode in "${modes[@]}"; do
    start=$(date +%s%N)
    mvn -q exec:java -Dexec.args="--file $candidate --color never --tests $private/visible --sandbox $mode" \
      > "$private/out" 2>&1
    code=$?
    end=$(date +%s%N)
    grep -q "Score: 10 / 10" "$private/out" || { echo "$mode: not 10 / 10 (exit $code):"; cat "$private/out"; exit 1; }
    times[$mode]="${times[$mode]:-} $(( (end - start) / 1000000 ))"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in "${modes[@]}"; do
  # shellcheck disable=SC2086
  sorted=$(printf '%s\n' ${times[$mode]} | sort -n)
  echo "$mode: runs${times[$mode]} ms; median $(echo "$sorted" | sed -n "$(( (rounds + 1) / 2 ))p") ms"
done
