#!/usr/bin/env bash
# The reference's cost of one more token, cached and recomputed, at 128..1024 positions (JMH; float64, dModel 512,
# 8 heads, batch 1), for docs/performance.md next to the PyTorch figures.
# Usage: validator/bench/reference-decode.sh [JMH options, e.g. -f 1 -wi 3 -i 5]   (from the kit's root)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests install -pl validator/jmh -am
mvn -B -q -pl validator/jmh dependency:build-classpath -Dmdep.outputFile=target/classpath.txt   # relative to the module
# OpenMP threads that spin while they wait take the cores from each other on a shared machine (the child JVM
# sets the same, docs/isolation.md)
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
echo "OMP_NUM_THREADS=${OMP_NUM_THREADS:-default} OMP_WAIT_POLICY=$OMP_WAIT_POLICY"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
java -cp "validator/jmh/target/classes:$(cat validator/jmh/target/classpath.txt)" org.openjdk.jmh.Main \
  ReferenceDecodeBenchmark "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
