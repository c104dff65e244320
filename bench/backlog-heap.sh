#!/usr/bin/env bash
# A 10 million × 1 KiB backlog in one durable queue of a broker limited to a 256 MiB heap
# (-Xmx256m): PerfTest publishes persistent messages with confirms and no consumer; jstat samples
# the heap every 2 s; then one consumer attaches to the full backlog (time to first delivery).
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

java "-Xmx$HEAP" -jar "$JAR" --data.dir="$DATA" --bind.host=127.0.0.1 --amqp.port="$PORT" --kafka.port=0 --http.port=0 \
  > "$OUT/broker.log" 2>&1 &
BROKER_PID=$!
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

python3 - "$OUT" "$MESSAGES" "$SIZE" "$HEAP" "$((END - START))" "$DISK" <<'PY'
import re,sys
out,msgs,size,heap,secs,disk=sys.argv[1:]
rows=[l.split() for l in open(out+'/jstat.log') if l.strip() and not l.lstrip().startswith('S0C')]
def col(name):
    hdr=open(out+'/jstat.log').readline().split(); i=hdr.index(name); return [float(r[i]) for r in rows if len(r)>i]
used=[s0+s1+e+o for s0,s1,e,o in zip(col('S0U'),col('S1U'),col('EU'),col('OU'))]
old=col('OU'); fgc=col('FGC'); ygc=col('YGC')
pt=open(out+'/perftest.log',errors='replace').read()
rate=re.search(r'sending rate avg: (\d+) msg/s',pt)
fd=open(out+'/first-delivery.log',errors='replace').read().strip()
s=f"""# {int(msgs):,} × {size} B backlog, broker heap -Xmx{heap}

- publishing (PerfTest 1 producer, persistent, confirms -c 1000, no consumer): {secs} s, {rate.group(1) if rate else '?'} msg/s average
- heap used (young + old, sampled every 2 s): max {max(used)/1024:.0f} MiB; old generation max {max(old)/1024:.0f} MiB, at the end {old[-1]/1024:.0f} MiB
- collections: {int(ygc[-1])} young, {int(fgc[-1])} full
- journal on disk at the end: {disk}
- consumer attaching to the full backlog: {fd}
"""
open(out+'/summary.md','w').write(s); print(s)
PY
grep -E "OutOfMemory" "$OUT/broker.log" && echo "BROKER RAN OUT OF HEAP" || true
echo "results in $OUT"
