#!/usr/bin/env bash
# Cross-protocol throughput on one Tributary broker (not part of the test suite):
#   1. AMQP 0-9-1 publish -> Kafka consume: RabbitMQ PerfTest publishes N persistent messages with
#      confirms into a stream (x-queue-type: stream); Kafka's ConsumerPerformance then reads the N
#      records from the topic of the same name.
#   2. Kafka produce -> AMQP 0-9-1 consume: Kafka's ProducerPerformance writes N records to a topic
#      whose config tributary.amqp.exchange routes them into a bound queue, where a PerfTest consumer
#      (started first) receives all N.
#
#   bench/cross-protocol.sh                 # N=200000 records of SIZE=1024 bytes
#   N=100000 SIZE=100 bench/cross-protocol.sh
# Results: bench/results/cross-protocol-<UTC timestamp>/summary.md
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; ROOT="$(cd "$HERE/.." && pwd)"
ANCHORS="${ANCHORS:-$ROOT/../shared/anchors}"
[[ -d "$ANCHORS" ]] || ANCHORS=/work/shared/anchors
JAR="$ROOT/server/target/tributary.jar"
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -pl server -am package -DskipTests)
N="${N:-200000}"; SIZE="${SIZE:-1024}"
TS="$(date -u +%Y%m%dT%H%M%SZ)"; OUT="$ROOT/bench/results/cross-protocol-$TS"; mkdir -p "$OUT"
KPORT="${KPORT:-29093}"; APORT="${APORT:-25673}"; DATA="$(mktemp -d)"
source "$ANCHORS/kafka/env.sh"; "$ANCHORS/kafka/install.sh" >/dev/null; "$ANCHORS/bench/install-perftest.sh" >/dev/null
PCP="${ANCHOR_CACHE:-$HOME/.cache/tributary-anchors}/perf-test/lib/*"
JAVA_BIN="${JAVA:-java}"

"$JAVA_BIN" -Xmx2g -jar "$JAR" --data.dir="$DATA" --bind.host=127.0.0.1 --advertised.host=127.0.0.1 --kafka.port="$KPORT" \
  --amqp.port="$APORT" --http.port=0 > "$OUT/tributary.log" 2>&1 &
BROKER_PID=$!
trap 'kill "$BROKER_PID" 2>/dev/null; wait "$BROKER_PID" 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do (exec 3<>"/dev/tcp/127.0.0.1/$KPORT") 2>/dev/null && break; sleep 0.5; done
URI="amqp://guest:guest@127.0.0.1:$APORT"
kt() { "$JAVA_BIN" -Xmx512m -cp "$KAFKA_CP" -Dlog4j2.configurationFile="$KAFKA_CONF/tools-log4j2.properties" "$@"; }

echo "## AMQP publish -> Kafka consume ($N x $SIZE B)" | tee "$OUT/summary.md"
timeout 600 "$JAVA_BIN" -Xmx1g -cp "$PCP" com.rabbitmq.perf.PerfTest -h "$URI" -x 1 -y 0 -s "$SIZE" -C "$N" -c 100 -f persistent \
  -ad false -u xp-stream --queue-args x-queue-type=stream > "$OUT/amqp-publish.log" 2>&1 || true
grep -oE 'sending rate avg: [0-9]+ msg/s' "$OUT/amqp-publish.log" | tail -1 | sed 's/^/- PerfTest publish (confirms, into the stream): /' | tee -a "$OUT/summary.md"
timeout 600 bash -c "$(declare -f kt); JAVA_BIN='$JAVA_BIN' KAFKA_CP='$KAFKA_CP' KAFKA_CONF='$KAFKA_CONF' kt org.apache.kafka.tools.ConsumerPerformance \
  --bootstrap-server 127.0.0.1:$KPORT --topic xp-stream --num-records $N --group xp-$TS --timeout 60000" > "$OUT/kafka-consume.log" 2>&1 || true
python3 - "$OUT/kafka-consume.log" <<'PY' | tee -a "$OUT/summary.md"
import sys
rows=[l for l in open(sys.argv[1]) if l[:4].isdigit()]
if rows:
    f=[x.strip() for x in rows[-1].split(',')]
    print(f"- ConsumerPerformance (group, from the start): {float(f[5]):,.0f} records/s, {float(f[3]):.1f} MB/s ({f[4]} records)")
else:
    print("- ConsumerPerformance: FAILED (see kafka-consume.log)")
PY

echo "## Kafka produce -> AMQP consume ($N x $SIZE B)" | tee -a "$OUT/summary.md"
/usr/bin/python3 - "$APORT" <<'PY'
import sys, pika
ch = pika.BlockingConnection(pika.ConnectionParameters("127.0.0.1", int(sys.argv[1]))).channel()
ch.exchange_declare("xp-x", "fanout", durable=True)
ch.queue_declare("xp-queue", durable=True)
ch.queue_bind("xp-queue", "xp-x")
PY
# kafka-topics.sh checks config names against Kafka's own list, so the topic is made with an Admin client.
/usr/bin/python3 - "$KPORT" > "$OUT/topic.log" 2>&1 <<'PY'
import sys
from confluent_kafka.admin import AdminClient, NewTopic
a = AdminClient({"bootstrap.servers": "127.0.0.1:" + sys.argv[1]})
for f in a.create_topics([NewTopic("xp-topic", 1, 1, config={"tributary.amqp.exchange": "xp-x"})]).values():
    f.result(30)
PY
sleep 2   # the bridge picks the topic up within a second
timeout 600 "$JAVA_BIN" -Xmx1g -cp "$PCP" com.rabbitmq.perf.PerfTest -h "$URI" -x 0 -y 1 -u xp-queue -p -D "$N" -q 500 \
  > "$OUT/amqp-consume.log" 2>&1 &
CONSUMER=$!
timeout 600 bash -c "$(declare -f kt); JAVA_BIN='$JAVA_BIN' KAFKA_CP='$KAFKA_CP' KAFKA_CONF='$KAFKA_CONF' kt org.apache.kafka.tools.ProducerPerformance \
  --topic xp-topic --num-records $N --record-size $SIZE --throughput -1 --producer-props bootstrap.servers=127.0.0.1:$KPORT acks=1 \
  linger.ms=5 batch.size=65536" > "$OUT/kafka-produce.log" 2>&1 || true
wait "$CONSUMER" || true
grep -E 'records sent.*99.9th' "$OUT/kafka-produce.log" | tail -1 | sed 's/^/- ProducerPerformance: /' | tee -a "$OUT/summary.md"
grep -oE 'receiving rate avg: [0-9]+ msg/s' "$OUT/amqp-consume.log" | tail -1 | sed 's/^/- PerfTest consumer on the bound queue (routed by the bridge): /' | tee -a "$OUT/summary.md"
echo "results in $OUT"
