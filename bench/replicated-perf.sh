#!/usr/bin/env bash
# Replicated produce throughput, replication factor 3, acks=all: a 3-node Apache Kafka 4.3.1 (KRaft,
# three combined broker+controller processes from the jars ../shared/anchors/kafka/install.sh
# fetches) and then a 3-node Tributary (three packaged brokers with cluster.peers), one after the
# other on this machine, the same workload on both, then Tributary/Kafka ratios. Loopback only.
# Not part of the test suite.
#
#   flock /tmp/tributary-bench.lock bench/replicated-perf.sh            # RECORDS=300000, 100 B and 1 KiB, 1 and 6 partitions
#   RECORDS=100000 SIZES=1024 PARTITIONS=6 flock /tmp/tributary-bench.lock bench/replicated-perf.sh
#
# Workload per cluster: a warm-up (WARMUP records of 1 KiB into a throw-away RF 3 topic, not
# reported), then for each partition count and record size: create a topic with RF 3 and
# min.insync.replicas=2 (kafka-topics), wait until every partition has a leader and 3 in-sync
# replicas, run Kafka's ProducerPerformance (kafka-tools 4.3.1) with acks=all linger.ms=5
# batch.size=65536, unthrottled, bootstrap = all three nodes, then delete the topic.
# Knobs: RECORDS (300000), SIZES ("100 1024"), PARTITIONS ("1 6"), WARMUP (100000),
# RUN_TIMEOUT (s per producer run, 240), HEAP (per broker JVM, 1g), KAFKA_BASE_PORT (39190),
# TRIB_BASE_PORT (29190), ONLY (kafka|tributary: run one side only), ORDER ("kafka tributary", or
# "tributary kafka" to run Tributary's cluster first).
# Results: bench/results/replicated-perf-<UTC timestamp>/ (kafka/, tributary/: tool outputs and
# broker logs; results.csv; summary.md).
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; ROOT="$(cd "$HERE/.." && pwd)"
ANCHORS="${ANCHORS:-$ROOT/../shared/anchors}"
[[ -d "$ANCHORS" ]] || ANCHORS=/work/shared/anchors
source "$ANCHORS/kafka/env.sh"
"$ANCHORS/kafka/install.sh" >/dev/null || { echo "kafka anchor install failed" >&2; exit 1; }
JAR="$ROOT/server/target/tributary.jar"
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -pl server -am package -DskipTests) || exit 1

RECORDS="${RECORDS:-300000}"; SIZES="${SIZES:-100 1024}"; PARTITIONS="${PARTITIONS:-1 6}"
WARMUP="${WARMUP:-100000}"; RUN_TIMEOUT="${RUN_TIMEOUT:-240}"; HEAP="${HEAP:-1g}"
KB="${KAFKA_BASE_PORT:-39190}"; TB="${TRIB_BASE_PORT:-29190}"; ONLY="${ONLY:-}"; ORDER="${ORDER:-kafka tributary}"
TS="$(date -u +%Y%m%dT%H%M%SZ)"; OUT="$ROOT/bench/results/replicated-perf-$TS"; mkdir -p "$OUT/kafka" "$OUT/tributary"
WORK="$(mktemp -d /tmp/replicated-perf.XXXXXX)"
CSV="$OUT/results.csv"; echo "broker,partitions,size,records,rec_per_s,MB_per_s,avg_ms,p50_ms,p95_ms,p99_ms,p999_ms,max_ms,load1" > "$CSV"
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log" >&2; }
if flock -n /tmp/tributary-bench.lock true 2>/dev/null; then
  log "WARNING: /tmp/tributary-bench.lock is not held; run me as: flock /tmp/tributary-bench.lock $0"
fi

mkdir -p "$KAFKA_CONF"
TOOLS_LOG4J="$WORK/tools-log4j2.properties"
printf '%s\n' 'status = warn' 'appender.err.type = Console' 'appender.err.name = STDERR' 'appender.err.target = SYSTEM_ERR' \
  'appender.err.layout.type = PatternLayout' 'appender.err.layout.pattern = [%d] %p %m (%c)%n' 'rootLogger.level = WARN' \
  'rootLogger.appenderRef.err.ref = STDERR' > "$TOOLS_LOG4J"
# Kafka's tools with the anchor class path, as an executable so that `timeout` can run it
TOOL="$WORK/kafka-tool"
printf '#!/usr/bin/env bash\nexec %q ${KAFKA_TOOL_OPTS:--Xmx512m} -cp %q -Dlog4j2.configurationFile=%q "$@"\n' \
  "$JAVA" "$KAFKA_CP" "$TOOLS_LOG4J" > "$TOOL"; chmod +x "$TOOL"
tool() { "$TOOL" "$@"; }

# --- every process this script starts, killed by pid on exit --------------------------------------
PIDS=()
stop_all() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for _ in $(seq 1 60); do
    local alive=0; for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    (( alive )) || break; sleep 0.5
  done
  for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && { log "pid $p still alive after 30 s, KILL"; kill -KILL "$p" 2>/dev/null; }; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
  PIDS=()
}
cleanup() { stop_all; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

port_free() { ! port_open 127.0.0.1 "$1"; }
wait_ports() { # PORT... ; 120 s at most, fails early if a started process died
  local p
  for _ in $(seq 1 240); do
    local all=1; for p in "$@"; do port_open 127.0.0.1 "$p" || all=0; done
    (( all )) && return 0
    for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null || { log "process $p exited during start-up"; return 1; }; done
    sleep 0.5
  done
  log "ports $* not all open after 120 s"; return 1
}

# --- the workload, the same for both clusters ------------------------------------------------------
wait_isr() { # BS TOPIC PARTITIONS DIR: every partition with a leader and 3 in-sync replicas (60 s at most)
  local d
  for _ in $(seq 1 60); do
    d="$(timeout 30 "$TOOL" org.apache.kafka.tools.TopicCommand --bootstrap-server "$1" --describe --topic "$2" 2>>"$4/admin.log")"
    if python3 - "$3" "$d" <<'PY'
import re,sys
want=int(sys.argv[1]); ok=0
for l in sys.argv[2].splitlines():
    m=re.search(r'Partition:\s*(\d+)\s+Leader:\s*(-?\d+|none)\s+Replicas:\s*([\d,]+)\s+Isr:\s*([\d,]*)',l)
    if m and m.group(2) not in ('none','-1') and len(m.group(3).split(','))==3 and len([x for x in m.group(4).split(',') if x])==3: ok+=1
sys.exit(0 if ok==want else 1)
PY
    then echo "$d" >> "$4/admin.log"; return 0; fi
    sleep 1
  done
  echo "$d" >> "$4/admin.log"; log "WARN: $2 does not have 3 in-sync replicas on every partition after 60 s (see admin.log)"; return 1
}

produce() { # BROKER BS DIR TOPIC SIZE RECORDS LABEL P
  local log="$3/$7.log" rc line load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  log "$1: ProducerPerformance $7 (load $load)"
  timeout "$RUN_TIMEOUT" "$TOOL" org.apache.kafka.tools.ProducerPerformance --topic "$4" --num-records "$6" --record-size "$5" --throughput -1 \
    --producer-props bootstrap.servers="$2" acks=all linger.ms=5 batch.size=65536 > "$log" 2>&1
  rc=$?
  line="$(grep -E 'records sent.*99.9th' "$log" | tail -1)"
  if [[ -z "$line" ]]; then
    log "$1: $7 FAILED rc=$rc (124 = timeout after $RUN_TIMEOUT s); last lines:"; tail -5 "$log" | tee -a "$OUT/run.log" >&2
    echo "$1,$8,$5,$6,FAILED rc=$rc,,,,,,,,$load" >> "$CSV"; return 1
  fi
  log "$1: $line"
  [[ "$7" == warmup ]] && return 0
  python3 - "$line" "$1" "$8" "$5" "$load" >> "$CSV" <<'PY'
import re,sys
line,b,p,size,load=sys.argv[1:]
m=re.search(r'(\d+) records sent, ([\d.]+) records/sec \(([\d.]+) MB/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99.9th', line)
recs,rps,mbs,avg,mx,p50,p95,p99,p999=m.groups()
print(f"{b},{p},{size},{recs},{rps},{mbs},{avg},{p50},{p95},{p99},{p999},{mx},{load}")
PY
}

workload() { # BROKER BS DIR
  local b="$1" bs="$2" dir="$3" P S T
  T="warmup-$TS"
  timeout 60 "$TOOL" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bs" --create --topic "$T" --partitions 1 \
    --replication-factor 3 --config min.insync.replicas=2 >> "$dir/admin.log" 2>&1 || log "WARN: $b: create $T failed (admin.log)"
  wait_isr "$bs" "$T" 1 "$dir"
  produce "$b" "$bs" "$dir" "$T" 1024 "$WARMUP" warmup 1
  timeout 60 "$TOOL" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bs" --delete --topic "$T" >> "$dir/admin.log" 2>&1
  for P in $PARTITIONS; do
    for S in $SIZES; do
      T="rf3-p$P-s$S-$TS"
      if ! timeout 60 "$TOOL" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bs" --create --topic "$T" --partitions "$P" \
          --replication-factor 3 --config min.insync.replicas=2 >> "$dir/admin.log" 2>&1; then
        log "$b: create $T FAILED (see admin.log)"; echo "$b,$P,$S,$RECORDS,FAILED create,,,,,,,," >> "$CSV"; continue
      fi
      wait_isr "$bs" "$T" "$P" "$dir"
      produce "$b" "$bs" "$dir" "$T" "$S" "$RECORDS" "produce-p$P-${S}B" "$P"
      timeout 30 "$TOOL" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bs" --describe --topic "$T" >> "$dir/admin.log" 2>&1
      timeout 60 "$TOOL" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bs" --delete --topic "$T" >> "$dir/admin.log" 2>&1
    done
  done
}

# --- 3-node Apache Kafka 4.3.1, KRaft, three combined broker+controller nodes ----------------------
run_kafka() {
  local dir="$OUT/kafka" voters="" bs="" i cid
  for i in 0 1 2; do
    port_free $((KB + i)) && port_free $((KB + 3 + i)) || { log "kafka: port $((KB + i)) or $((KB + 3 + i)) in use"; return 1; }
    voters+="${voters:+,}$((i + 1))@127.0.0.1:$((KB + 3 + i))"; bs+="${bs:+,}127.0.0.1:$((KB + i))"
  done
  cid="$(tool kafka.tools.StorageTool random-uuid)"
  for i in 0 1 2; do
    local n="$WORK/kafka$i"; mkdir -p "$n/data" "$n/logs"
    cat > "$n/server.properties" <<PROPS
process.roles=broker,controller
node.id=$((i + 1))
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$((KB + i)),CONTROLLER://127.0.0.1:$((KB + 3 + i))
advertised.listeners=PLAINTEXT://127.0.0.1:$((KB + i))
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$n/data
num.partitions=1
num.network.threads=3
num.io.threads=8
auto.create.topics.enable=false
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
group.initial.rebalance.delay.ms=0
log.retention.hours=1
log.segment.bytes=268435456
log.retention.check.interval.ms=60000
PROPS
    cat > "$n/log4j2.properties" <<PROPS
status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = $n/logs/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
PROPS
    cp "$n/server.properties" "$dir/server-$((i + 1)).properties"
    tool kafka.tools.StorageTool format -t "$cid" -c "$n/server.properties" >> "$dir/format.log" 2>&1 || { log "kafka: format failed"; return 1; }
  done
  for i in 0 1 2; do
    local n="$WORK/kafka$i"
    # the anchors' (and kafka-server-start.sh's) JVM flags, with HEAP per node
    "$JAVA" -Xmx"$HEAP" -Xms"$HEAP" -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true -Dkafka.logs.dir="$n/logs" \
      -Dlog4j2.configurationFile="$n/log4j2.properties" -cp "$KAFKA_CP" kafka.Kafka "$n/server.properties" \
      > "$n/logs/server.out" 2>&1 < /dev/null &
    PIDS+=($!)
  done
  log "kafka: 3 nodes starting (pids ${PIDS[*]}), bootstrap $bs"
  local ok=0
  if wait_ports $KB $((KB + 1)) $((KB + 2)) \
     && timeout 90 bash -c "until '$TOOL' org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server '$bs' 2>/dev/null | grep -c '^127.0.0.1' | grep -qx 3; do sleep 1; done"; then
    log "kafka: 3 brokers registered"; workload kafka "$bs" "$dir"; ok=1
  fi
  stop_all
  for i in 0 1 2; do cp "$WORK/kafka$i/logs/server.out" "$dir/node$((i + 1)).out" 2>/dev/null
    tail -n 3000 "$WORK/kafka$i/logs/server.log" > "$dir/node$((i + 1))-server.log.tail" 2>/dev/null; done
  (( ok ))
}

# --- 3-node Tributary: three packaged brokers with cluster.peers --------------------------------------
run_tributary() {
  local dir="$OUT/tributary" peers="" bs="" i
  for i in 0 1 2; do
    for p in $((TB + i)) $((TB + 3 + i)) $((TB + 6 + i)) $((TB + 9 + i)); do port_free "$p" || { log "tributary: port $p in use"; return 1; }; done
    peers+="${peers:+,}$i@127.0.0.1:$((TB + 9 + i))"; bs+="${bs:+,}127.0.0.1:$((TB + i))"
  done
  for i in 0 1 2; do
    mkdir -p "$WORK/trib$i"
    java -Xmx"$HEAP" -jar "$JAR" --node.id=$i --cluster.peers="$peers" --data.dir="$WORK/trib$i" \
      --bind.host=127.0.0.1 --advertised.host=127.0.0.1 --kafka.port=$((TB + i)) --amqp.port=$((TB + 3 + i)) \
      --http.port=$((TB + 6 + i)) > "$dir/node$i.log" 2>&1 < /dev/null &
    PIDS+=($!)
  done
  log "tributary: 3 nodes starting (pids ${PIDS[*]}), peers $peers, bootstrap $bs"
  local ok=0
  if wait_ports $TB $((TB + 1)) $((TB + 2)); then
    timeout 20 java -jar "$JAR" cluster status --cluster.peers="$peers" >> "$dir/cluster-status.txt" 2>&1
    log "tributary: 3 nodes listening"; workload tributary "$bs" "$dir"; ok=1
    timeout 20 java -jar "$JAR" cluster status --cluster.peers="$peers" >> "$dir/cluster-status.txt" 2>&1
  fi
  stop_all
  (( ok ))
}

REV="$(cd "$ROOT" && git rev-parse --short HEAD)"
# the nodes run a private copy: a rebuild of server/target during the run changes nothing here
cp "$JAR" "$WORK/tributary.jar"; JAR_BUILT="$(date -u -r "$JAR" +%FT%TZ)"; JAR="$WORK/tributary.jar"
log "replicated-perf $TS: ORDER='$ORDER' RECORDS=$RECORDS SIZES='$SIZES' PARTITIONS='$PARTITIONS' HEAP=$HEAP, $(nproc) cores, load $(cat /proc/loadavg)"
log "java: $("$JAVA" -version 2>&1 | head -1); tributary HEAD $REV, server/target/tributary.jar built $JAR_BUILT, sha256 $(sha256sum "$JAR" | cut -c1-16)"
for side in $ORDER; do
  [[ -z "$ONLY" || "$ONLY" == "$side" ]] || continue
  "run_$side" || log "$side cluster run failed"
done
log "done, load $(cat /proc/loadavg)"

python3 - "$CSV" "$OUT/summary.md" "$TS" "$RECORDS" "$(nproc)" "$REV" "$ORDER" <<'PY'
import csv,sys
path,summ,ts,records,cores,rev,order=sys.argv[1:]
rows=list(csv.DictReader(open(path)))
by={(r['broker'],r['partitions'],r['size']):r for r in rows}
keys=[]
for r in rows:
    k=(r['partitions'],r['size'])
    if k not in keys: keys.append(k)
def num(r,f):
    try: return float(r[f])
    except (TypeError,ValueError,KeyError): return None
def fmt(v,f=',.0f'): return '' if v is None else format(v,f)
def ratio(a,b): return '' if a is None or b in (None,0) else f"{a/b:.2f}×"
out=[f"# Replicated produce, RF 3, acks=all, min.insync.replicas=2 ({ts})","",
     f"{records} records per row, ProducerPerformance (kafka-tools 4.3.1) acks=all linger.ms=5 batch.size=65536, unthrottled;",
     f"3-node Apache Kafka 4.3.1 (KRaft) and 3-node Tributary {rev}, one after the other (order: {order}), {cores} cores shared by the 3 brokers and the client.","",
     "| partitions | record | Kafka rec/s | Kafka MB/s | Kafka p50 / p99 ms | Tributary rec/s | Tributary MB/s | Tributary p50 / p99 ms | rec/s ratio T/K | p99 ratio T/K | load (K / T) |",
     "|---|---|---|---|---|---|---|---|---|---|---|"]
for p,s in keys:
    k=by.get(('kafka',p,s),{}); t=by.get(('tributary',p,s),{})
    def cell(r):
        if not r: return ('not run','','')
        if num(r,'rec_per_s') is None: return (r.get('rec_per_s',''),'','')
        return (fmt(num(r,'rec_per_s')), r['MB_per_s'], f"{r['p50_ms']} / {r['p99_ms']}")
    kc,tc=cell(k),cell(t)
    out.append(f"| {p} | {s} B | {kc[0]} | {kc[1]} | {kc[2]} | {tc[0]} | {tc[1]} | {tc[2]} | {ratio(num(t,'rec_per_s'),num(k,'rec_per_s'))} | {ratio(num(t,'p99_ms'),num(k,'p99_ms'))} | {k.get('load1','')} / {t.get('load1','')} |")
out.append(""); out.append("Ratios are Tributary / Kafka: above 1 is better for rec/s, below 1 is better for p99. Raw outputs in kafka/ and tributary/.")
open(summ,'w').write('\n'.join(out)+'\n')
print('\n'.join(out))
PY
echo "results in $OUT"
