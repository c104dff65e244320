#!/usr/bin/env bash
# RabbitMQ PerfTest (com.rabbitmq:perf-test) against Tributary and, in the same run, against the
# reference RabbitMQ from ../shared/anchors/rabbitmq/ — back to back on this machine, then
# target/reference ratios. Not part of the test suite.
#
#   bench/perftest-amqp091.sh            # DURATION=30 s per scenario, SIZES="100 1024"
#   DURATION=10 bench/perftest-amqp091.sh
#
# Scenarios (from anchors/bench/rabbitmq-bench.sh): 1 producer / 1 consumer, fire-and-forget,
# confirms (-c 100), persistent + confirms on a durable queue, and a fixed-rate latency run.
# Results: bench/results/perftest-amqp091-<UTC timestamp>/ (reference/, target/, ratio.md).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; ROOT="$(cd "$HERE/.." && pwd)"
ANCHORS="${ANCHORS:-$ROOT/../shared/anchors}"
[[ -d "$ANCHORS" ]] || ANCHORS=/work/shared/anchors
JAR="$ROOT/server/target/tributary.jar"
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -pl server -am package -DskipTests)
TS="$(date -u +%Y%m%dT%H%M%SZ)"; OUT="$ROOT/bench/results/perftest-amqp091-$TS"; mkdir -p "$OUT"
PORT="${PORT:-25672}"; DATA="$(mktemp -d)"

java -Xmx2g -jar "$JAR" --data.dir="$DATA" --bind.host=127.0.0.1 --amqp.port="$PORT" --kafka.port=0 --http.port=0 \
  > "$OUT/tributary.log" 2>&1 &
BROKER_PID=$!
trap 'kill "$BROKER_PID" 2>/dev/null; wait "$BROKER_PID" 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.5; done

"$ANCHORS/rabbitmq/start.sh"
"$ANCHORS/bench/install-perftest.sh" >/dev/null
OUT="$OUT/reference" "$ANCHORS/bench/rabbitmq-bench.sh" 127.0.0.1 35672 | tee "$OUT/reference.md"
OUT="$OUT/target" "$ANCHORS/bench/rabbitmq-bench.sh" 127.0.0.1 "$PORT" | tee "$OUT/target.md"
python3 "$ANCHORS/bench/tables.py" ratio "$OUT/reference" "$OUT/target" | tee "$OUT/ratio.md"
echo "results in $OUT"
