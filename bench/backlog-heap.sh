#!/usr/bin/env bash
# A 10 million × 1 KiB backlog in one durable queue of a broker limited to a 256 MiB heap
# (-Xmx256m): PerfTest publishes persistent messages with confirms and no consumer; jstat samples
# the heap every 2 s; then one consumer attaches to the full backlog (time to first delivery) and
# takes CONSUME messages; then the broker is restarted (SIGTERM) and the time until the queue is
# recovered (declare-ok) and to the next first delivery is measured, heap sampled again.
# Bounded: RUN_TIMEOUT caps the publishing run. Not part of the test suite; needs ~12 GB of disk.
#
#   flock /tmp/tributary-bench.lock bench/backlog-heap.sh        # MESSAGES=10000000 SIZE=1024 HEAP=256m
#
# Results: bench/results/backlog-heap-<UTC timestamp>/ (broker.log, perftest.log, jstat.log, summary.md)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; ROOT="$(cd "$HERE/.." && pwd)"
ANCHORS="${ANCHORS:-$ROOT/../shared/anchors}"
[[ -d "$ANCHORS" ]] || ANCHORS=/work/shared/anchors
ANCHOR_CACHE="${ANCHOR_CACHE:-$HOME/.cache/tributary-anchors}"
MESSAGES="${MESSAGES:-10000000}"; SIZE="${SIZE:-1024}"; HEAP="${HEAP:-256m}"; RUN_TIMEOUT="${RUN_TIMEOUT:-1500}"
CONSUME="${CONSUME:-200000}"
JAR="$ROOT/server/target/tributary.jar"
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q -pl server -am package -DskipTests)
TS="$(date -u +%Y%m%dT%H%M%SZ)"; OUT="$ROOT/bench/results/backlog-heap-$TS"; mkdir -p "$OUT"
PORT="${PORT:-25672}"; DATA="${DATA:-$(mktemp -d "${TMPDIR:-/tmp}/tributary-backlog-XXXX")}"
"$ANCHORS/bench/install-perftest.sh" >/dev/null
CP="$ANCHOR_CACHE/perf-test/lib/*"

start_broker() { # log-file
  java "-Xmx$HEAP" -jar "$JAR" --data.dir="$DATA" --bind.host=127.0.0.1 --amqp.port="$PORT" --kafka.port=0 --http.port=0 \
    > "$1" 2>&1 &
  BROKER_PID=$!
}
start_broker "$OUT/broker.log"
trap 'kill "$BROKER_PID" 2>/dev/null; wait "$BROKER_PID" 2>/dev/null; kill "${JSTAT_PID:-}" 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 60); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.5; done
jstat -gc "$BROKER_PID" 2000 > "$OUT/jstat.log" &
JSTAT_PID=$!

URI="amqp://guest:guest@127.0.0.1:$PORT"
START=$(date +%s)
timeout "$RUN_TIMEOUT" java -Xmx1g -cp "$CP" com.rabbitmq.perf.PerfTest -h "$URI" -x 1 -y 0 -s "$SIZE" -C "$MESSAGES" \
  -u backlog -ad false -f persistent -c 1000 > "$OUT/perftest.log" 2>&1 || echo "perftest ended with $?" >> "$OUT/perftest.log"
END=$(date +%s)
java -cp "$CP" "$HERE/backlog/FirstDelivery.java" "$URI" backlog "$CONSUME" > "$OUT/first-delivery.log" 2>&1 || true
kill "$JSTAT_PID" 2>/dev/null || true
DISK=$(du -sh "$DATA/queues" | cut -f1)

# restart: how long until the queue is recovered, and the heap meanwhile
kill "$BROKER_PID"; wait "$BROKER_PID" 2>/dev/null || true
RESTART_MS=$(date +%s%3N)
start_broker "$OUT/broker-restart.log"
jstat -gc "$BROKER_PID" 1000 > "$OUT/jstat-restart.log" 2>/dev/null &
JSTAT_PID=$!
java -cp "$CP" "$HERE/backlog/FirstDelivery.java" "$URI" backlog 10000 > "$OUT/after-restart.log" 2>&1 || true
kill "$JSTAT_PID" 2>/dev/null || true
echo "restart at $RESTART_MS" >> "$OUT/after-restart.log"

python3 - "$OUT" "$MESSAGES" "$SIZE" "$HEAP" "$((END - START))" "$DISK" <<'PY'
import re,sys
out,msgs,size,heap,secs,disk=sys.argv[1:]
def heapstats(f):
    lines=[l for l in open(f) if l.strip()]
    hdr=lines[0].split(); rows=[l.split() for l in lines[1:] if not l.lstrip().startswith('S0C')]
    col=lambda n: [float(r[hdr.index(n)]) for r in rows if len(r)==len(hdr)]
    used=[s0+s1+e+o for s0,s1,e,o in zip(col('S0U'),col('S1U'),col('EU'),col('OU'))]
    return max(used)/1024, max(col('OU'))/1024, col('OU')[-1]/1024, int(col('YGC')[-1]), int(col('FGC')[-1])
u,o,oe,ygc,fgc=heapstats(out+'/jstat.log')
pt=open(out+'/perftest.log',errors='replace').read()
rate=re.search(r'sending rate avg: (\d+) msg/s',pt)
fd=' '.join(open(out+'/first-delivery.log',errors='replace').read().split('\n')[1:]).strip()
ar=open(out+'/after-restart.log',errors='replace').read()
m=re.search(r'declare-ok at (\d+): (\d+) messages',ar); r=re.search(r'restart at (\d+)',ar)
rec=f"{(int(m.group(1))-int(r.group(1)))/1000:.1f} s from process start to declare-ok, {int(m.group(2)):,} messages ready" if m and r else 'n/a'
try:
    ru,ro,_,_,_=heapstats(out+'/jstat-restart.log'); rh=f"heap max {ru:.0f} MiB (old generation {ro:.0f} MiB)"
except Exception: rh='heap n/a'
first2=re.search(r'first delivery after ([\d.]+) ms',ar)
s=f"""# {int(msgs):,} × {size} B backlog, broker heap -Xmx{heap}

- publishing (PerfTest 1 producer, persistent, confirms -c 1000, no consumer): {secs} s, {rate.group(1) if rate else '?'} msg/s average
- heap used while publishing (young + old, sampled every 2 s): max {u:.0f} MiB; old generation max {o:.0f} MiB, at the end {oe:.0f} MiB
- collections: {ygc} young, {fgc} full
- journal on disk at the end: {disk}
- consumer attaching to the full backlog: {fd}
- restart (SIGTERM, start): {rec}; {rh}; first delivery after it {first2.group(1) if first2 else '?'} ms
"""
open(out+'/summary.md','w').write(s); print(s)
PY
grep -E "OutOfMemory" "$OUT/broker.log" && echo "BROKER RAN OUT OF HEAP" || true
echo "results in $OUT"
