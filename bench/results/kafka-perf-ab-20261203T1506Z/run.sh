#!/usr/bin/env bash
# $1 = label, rest = extra broker args
set -euo pipefail
LABEL=$1; shift
JAR=/work/main/server/target/tributary.jar; ANCHORS=/work/shared/anchors; PORT=29092; DATA=$(mktemp -d)
export RECORDS=500000 SIZES=1024 RUN_TIMEOUT=180 E2E_RECORDS=3000
java -Xmx2g -jar "$JAR" --data.dir="$DATA" --bind.host=127.0.0.1 --advertised.host=127.0.0.1 --kafka.port="$PORT" \
  --amqp.port=0 --http.port=0 --group.initial.rebalance.delay.ms=0 "$@" > /tmp/ab/$LABEL.broker.log 2>&1 &
PID=$!
for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.5; done
OUT=/tmp/ab/$LABEL "$ANCHORS/bench/kafka-bench.sh" 127.0.0.1 "$PORT" > /tmp/ab/$LABEL.md 2>&1 || true
kill $PID; wait $PID 2>/dev/null || true; rm -rf "$DATA"
