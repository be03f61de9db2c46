#!/usr/bin/env bash
# The reference's cost of one more token, cached and recomputed, at 128..1024 positions (JMH; float64, dModel 512,
# 8 heads, batch 1), for docs/performance.md next to the PyTorch figures.
# Usage: validator/bench/reference-decode.sh [JMH options, e.g. -prof gc -p positions=1024]   (from the kit's root)
# Defaults: one fork, 5 warm-up iterations of 5 s, 10 measured of 1 s (docs/performance.md, the figures of Part 3).
# Extra Maven arguments (a local repository, offline) go in MVN_ARGS, e.g. MVN_ARGS="-o -Dmaven.repo.local=/path".
#
# Every fork runs as the validator runs a candidate's JVM: its options (io.github.kvkit.jmh.AsInTheChild: the child's
# heap, young generation, GC, JIT and JavaCPP limits, printed first) and its environment, which is only the variables
# the child keeps (ChildCommand.KEPT_VARIABLES, with OpenMP's passive wait unless set): ND4J's threads are its default
# unless OMP_NUM_THREADS says, and OpenBLAS picks its kernels by itself, as in the child, even where this shell sets
# OPENBLAS_CORETYPE. Variables named in JMH_KEEP are kept too, to measure what they change (JMH_KEEP=OPENBLAS_CORETYPE).
# What each setting does to the figures: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn_args=${MVN_ARGS:-}
# shellcheck disable=SC2086
mvn -B -q $mvn_args -DskipTests install -pl validator/jmh -am
# shellcheck disable=SC2086
mvn -B -q $mvn_args -pl validator/jmh dependency:build-classpath -Dmdep.outputFile=target/classpath.txt   # relative to the module
# OpenMP threads that spin while they wait take the cores from each other on a shared machine (the child JVM
# sets the same, docs/isolation.md)
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
# shellcheck disable=SC2206
kept=(PATH LANG LANGUAGE LC_ALL LC_CTYPE TZ OMP_NUM_THREADS OMP_WAIT_POLICY OPENBLAS_NUM_THREADS MKL_NUM_THREADS ${JMH_KEEP:-})
environment=()
for name in "${kept[@]}"; do
  if [ -n "${!name:-}" ]; then
    environment+=("$name=${!name}")
  fi
done
echo "environment of the forks (as the child's): ${environment[*]}"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
env -i "${environment[@]}" java -cp "validator/jmh/target/classes:$(cat validator/jmh/target/classpath.txt)" \
  io.github.kvkit.jmh.AsInTheChild ReferenceDecodeBenchmark "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
