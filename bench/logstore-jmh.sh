#!/usr/bin/env bash
# JMH benchmarks of the log store (bench/src/main/java/io/tributary/bench/logstore) next to this
# machine's raw sequential write bandwidth, measured in the same session on the same file system
# (dd buffered and with conv=fdatasync; fio when installed). Not part of the test suite.
#
#   bench/logstore-jmh.sh                 # ~8 minutes
#   BENCH_TMP=/some/disk bench/logstore-jmh.sh
#
# Every measurement runs under `flock /tmp/tributary-bench.lock` so that it never overlaps another
# engineer's benchmark. Results: bench/results/logstore-jmh-<UTC timestamp>/ (raw-disk.txt, the
# JMH text and JSON output, summary.md).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; ROOT="$(cd "$HERE/.." && pwd)"
TS="$(date -u +%Y%m%dT%H%M%SZ)"; OUT="$ROOT/bench/results/logstore-jmh-$TS"; mkdir -p "$OUT"
TMP="${BENCH_TMP:-/tmp}"
LOCK=/tmp/tributary-bench.lock
JAR="$ROOT/bench/target/benchmarks.jar"
(cd "$ROOT" && mvn -B -q -pl bench -am package -DskipTests)

locked() { flock "$LOCK" "$@"; }

# ---- raw sequential write bandwidth of the disk under $TMP ----
RAW="$OUT/raw-disk.txt"
{
  echo "# $(date -u) on $(uname -srm), $(nproc) cores; file system of $TMP: $(df -hT "$TMP" | tail -1)"
  for run in 1 2 3; do
    for bs in 64K 1M; do
      [[ $bs == 64K ]] && count=32768 || count=2048
      echo "dd buffered      bs=$bs 2 GiB run $run: $(locked dd if=/dev/zero of="$TMP/tributary-dd.bin" bs=$bs count=$count 2>&1 | tail -1)"
      rm -f "$TMP/tributary-dd.bin"
      echo "dd conv=fdatasync bs=$bs 2 GiB run $run: $(locked dd if=/dev/zero of="$TMP/tributary-dd.bin" bs=$bs count=$count conv=fdatasync 2>&1 | tail -1)"
      rm -f "$TMP/tributary-dd.bin"
    done
  done
  if command -v fio >/dev/null; then
    # a fresh file each time (create_on_open: no pre-written pages to overwrite); 2 GiB fits under the
    # kernel's dirty limits (a burst into memory), 8 GiB does not (sustained: the disk's writeback)
    fio_run() { locked fio --name=seqwrite --directory="$TMP" --rw=write --bs=64k --ioengine=psync --direct=0 --create_on_open=1 \
      --unlink=1 "$@" 2>&1 | grep -E "^ *WRITE:" | sed "s/^ */fio $* /"; }
    fio_run --size=2g
    fio_run --size=8g
    fio_run --size=2g --end_fsync=1
    fio_run --size=256m --fdatasync=1
  fi
} | tee "$RAW"

# ---- JMH ----
jmh() { locked java -Djava.io.tmpdir="$TMP" -jar "$JAR" "$@"; }
jmh 'LogAppendBenchmark' -i 5 -prof gc -rf json -rff "$OUT/append.json" | tee "$OUT/append.txt"
jmh 'LogAppendBenchmark.appendAndAwaitDurable' -t 8 -p recordBytes=1024 -p batchBytes=65536 -rf json -rff "$OUT/append-durable-8-threads.json" \
  | tee "$OUT/append-durable-8-threads.txt"
jmh 'LogReadBenchmark' -prof gc -rf json -rff "$OUT/read.json" | tee "$OUT/read.txt"

# ---- summary: MB/s and the share of the best raw buffered write ----
python3 - "$OUT" <<'PY'
import json, re, sys, statistics, pathlib
out = pathlib.Path(sys.argv[1])
raw = (out / "raw-disk.txt").read_text()
def rates(pattern):
    vals = []
    for line in raw.splitlines():
        if re.search(pattern, line):
            m = re.search(r"([\d.]+) ?([GM])B/s", line)
            if m:
                vals.append(float(m.group(1)) * (1000 if m.group(2) == "G" else 1))
    return vals
buffered = rates(r"dd buffered") ; synced = rates(r"dd conv=fdatasync")
sustained = rates(r"fio --size=8g ")
ref = statistics.median(buffered)
lines = ["| benchmark | params | threads | ops/s | MB/s | of raw buffered | alloc B/op |", "|---|---|---|---|---|---|---|"]
for name in ("append.json", "append-durable-8-threads.json", "read.json"):
    for r in json.loads((out / name).read_text()):
        sec = r.get("secondaryMetrics", {})
        mbs = sec.get("bytes", {}).get("score", 0) / 1e6
        alloc = sec.get("gc.alloc.rate.norm", {}).get("score")
        params = ", ".join(f"{k}={v}" for k, v in r.get("params", {}).items())
        lines.append(f"| {r['benchmark'].split('.')[-1]} | {params} | {r['threads']} | {r['primaryMetric']['score']:,.0f} | {mbs:,.0f} | "
                     f"{mbs / ref:.0%} | {'' if alloc is None else f'{alloc:,.0f}'} |")
summary = [f"raw buffered sequential write (dd, median of {len(buffered)} runs): {ref:,.0f} MB/s "
           f"(min {min(buffered):,.0f}, max {max(buffered):,.0f}); with conv=fdatasync: median {statistics.median(synced):,.0f} MB/s"]
if sustained:
    summary.append(f"fio sustained buffered write (8 GiB, fresh file): {sustained[0]:,.0f} MB/s")
summary += ["", "(\"of raw buffered\" = MB/s over the dd median; it is a write-bandwidth ratio, meaningful for the append rows)", ""] + lines
(out / "summary.md").write_text("\n".join(summary) + "\n")
print("\n".join(summary))
PY
