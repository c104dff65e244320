#!/usr/bin/env bash
# Kafka's own ProducerPerformance / ConsumerPerformance / EndToEndLatency (kafka-tools 4.3.1, via
# ../shared/anchors/bench/kafka-bench.sh) against the reference Apache Kafka 4.3.1 from
# ../shared/anchors/kafka/ and against Tributary, back to back on this machine, then
# target/reference ratios. Not part of the test suite.
#
#   bench/kafka-perf.sh                               # the anchors' defaults: 1M records, 100 B and 1 KiB, acks 1/all, 1 and 6 partitions
#   RECORDS=300000 SIZES=1024 bench/kafka-perf.sh     # what produced the table in bench/README.md
#
# Both brokers fsync differently: Kafka acknowledges from the page cache and relies on replication,
# Tributary acknowledges acks=1/all only after fsync (docs/adr/001). Kafka runs as the anchors
# configure it (num.io.threads=8, 3 network threads); Tributary with its defaults.
# Results: bench/results/kafka-perf-<UTC timestamp>/ (reference/, target/, ratio.md).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; ROOT="$(cd "$HERE/.." && pwd)"
ANCHORS="${ANCHORS:-$ROOT/../shared/anchors}"
[[ -d "$ANCHORS" ]] || ANCHORS=/work/shared/anchors
JAR="$ROOT/server/target/tributary.jar"
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -pl server -am package -DskipTests)
TS="$(date -u +%Y%m%dT%H%M%SZ)"; OUT="$ROOT/bench/results/kafka-perf-$TS"; mkdir -p "$OUT"
PORT="${PORT:-29092}"; DATA="$(mktemp -d)"
export RECORDS="${RECORDS:-1000000}"

"$ANCHORS/kafka/start.sh" > "$OUT/kafka-anchor.log" 2>&1
OUT="$OUT/reference" "$ANCHORS/bench/kafka-bench.sh" 127.0.0.1 39092 | tee "$OUT/reference.md"
"$ANCHORS/kafka/stop.sh" >> "$OUT/kafka-anchor.log" 2>&1 || true

java -Xmx2g -jar "$JAR" --data.dir="$DATA" --bind.host=127.0.0.1 --advertised.host=127.0.0.1 --kafka.port="$PORT" \
  --amqp.port=0 --http.port=0 --group.initial.rebalance.delay.ms=0 > "$OUT/tributary.log" 2>&1 &
BROKER_PID=$!
trap 'kill "$BROKER_PID" 2>/dev/null; wait "$BROKER_PID" 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.5; done
OUT="$OUT/target" "$ANCHORS/bench/kafka-bench.sh" 127.0.0.1 "$PORT" | tee "$OUT/target.md"

python3 "$ANCHORS/bench/tables.py" ratio "$OUT/reference" "$OUT/target" | tee "$OUT/ratio.md"
echo "results in $OUT"
