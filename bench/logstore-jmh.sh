#!/usr/bin/env bash
# JMH benchmarks of the log store (bench/src/main/java/io/tributary/bench/logstore) next to this
# machine's raw sequential write bandwidth, measured in the same session on the same file system
# (dd buffered and with conv=fdatasync; fio when installed). Not part of the test suite.
#
#   bench/logstore-jmh.sh                 # ~25 minutes
#   PAIRED=1 bench/logstore-jmh.sh        # ~6 minutes: the bursts with the default buffer, writer thread off and on, between dd runs
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

# ---- raw sequential write bandwidth of the disk under $TMP, taken between the benchmarks ----
RAW="$OUT/raw-disk.txt"
raw_dd() {
  for bs in 16K 64K 256K 1M; do
    case $bs in 16K) count=131072 ;; 64K) count=32768 ;; 256K) count=8192 ;; *) count=2048 ;; esac
    echo "dd buffered      bs=$bs 2 GiB ($1): $(locked dd if=/dev/zero of="$TMP/tributary-dd.bin" bs=$bs count=$count 2>&1 | tail -1)"
    rm -f "$TMP/tributary-dd.bin"
    echo "dd conv=fdatasync bs=$bs 2 GiB ($1): $(locked dd if=/dev/zero of="$TMP/tributary-dd.bin" bs=$bs count=$count conv=fdatasync 2>&1 | tail -1)"
    rm -f "$TMP/tributary-dd.bin"
  done
}
# a fresh file each time (create_on_open: no pre-written pages to overwrite); 2 GiB fits under the
# kernel's dirty limits (a burst into memory), 8 GiB does not (sustained: the disk's writeback)
fio_run() {
  command -v fio >/dev/null || return 0
  locked fio --name=seqwrite --directory="$TMP" --rw=write --bs=64k --ioengine=psync --direct=0 --create_on_open=1 \
    --unlink=1 "$@" 2>&1 | grep -E "^ *WRITE:" | sed "s/^ */fio $* /"
}
jmh() { locked java -Djava.io.tmpdir="$TMP" -jar "$JAR" "$@"; }

echo "# $(date -u) on $(uname -srm), $(nproc) cores (shared); file system of $TMP: $(df -hT "$TMP" | tail -1)" | tee "$RAW"

# PAIRED=1: only the burst benchmark with the default 256 KiB buffer, the writer thread off and on, each
# configuration between two dd runs of its write size and after a dd bs=256K (this machine's best
# buffered write), three rounds; on a shared machine whose load changes from minute to minute,
# adjacent runs compare best
if [[ "${PAIRED:-0}" == 1 ]]; then
  for round in 1 2 3; do
    echo "dd buffered      bs=256K 2 GiB (round $round): $(locked dd if=/dev/zero of="$TMP/tributary-dd.bin" bs=256K count=8192 2>&1 | tail -1)" | tee -a "$RAW"
    rm -f "$TMP/tributary-dd.bin"
    for batch in 16384 65536; do
      bs=$(( batch / 1024 ))K; count=$(( (2 << 30) / batch ))
      for rec in 100 1024; do
        echo "dd buffered      bs=$bs 2 GiB (round $round): $(locked dd if=/dev/zero of="$TMP/tributary-dd.bin" bs=$bs count=$count 2>&1 | tail -1)" | tee -a "$RAW"
        rm -f "$TMP/tributary-dd.bin"
        jmh 'LogAppendBurstBenchmark' -p batchBytes=$batch -p recordBytes=$rec -p writeBufferBytes=262144 -p writerThreads=0,1 -wi 1 -i 2 \
          | grep -E "^LogAppendBurst" | sed "s/^/round $round: /" \
          | tee -a "$OUT/paired.txt"
      done
      echo "dd buffered      bs=$bs 2 GiB (round $round, after): $(locked dd if=/dev/zero of="$TMP/tributary-dd.bin" bs=$bs count=$count 2>&1 | tail -1)" | tee -a "$RAW"
      rm -f "$TMP/tributary-dd.bin"
    done
  done
  exit 0
fi
{ raw_dd before; fio_run --size=2g; } | tee -a "$RAW"
# bursts of 2 GiB into the page cache, as dd and fio --size=2g do
jmh 'LogAppendBurstBenchmark' -prof gc -rf json -rff "$OUT/append-burst.json" | tee "$OUT/append-burst.txt"
{ raw_dd after-burst; fio_run --size=2g; fio_run --size=8g; fio_run --size=2g --end_fsync=1; fio_run --size=256m --fdatasync=1; } | tee -a "$RAW"
# sustained appends with the default durability (group-commit fsync after every append), with and
# without the write buffer; the appends that wait for their fsync only with it (the fsync sets their pace)
jmh 'LogAppendBenchmark.append$' -i 5 -prof gc -rf json -rff "$OUT/append.json" | tee "$OUT/append.txt"
jmh 'LogAppendBenchmark.appendAndAwaitDurable' -p writeBufferBytes=262144 -p writerThreads=1 -prof gc -rf json -rff "$OUT/append-durable.json" \
  | tee "$OUT/append-durable.txt"
jmh 'LogAppendBenchmark.appendAndAwaitDurable' -t 8 -p recordBytes=1024 -p batchBytes=65536 -p writeBufferBytes=262144 -p writerThreads=1 \
  -rf json -rff "$OUT/append-durable-8-threads.json" | tee "$OUT/append-durable-8-threads.txt"
{ fio_run --size=8g; } | tee -a "$RAW"
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
# each burst is compared with dd writing the same size per call (16K or 64K); bs=1M also shows how a
# buffer larger than the CPU caches slows /dev/zero -> page cache on this machine
dd_by_bs = {bs: rates(rf"dd buffered +bs={bs} ") for bs in ("16K", "64K")}
dd = dd_by_bs["64K"]; dd_1m = rates(r"dd buffered +bs=1M"); dd_sync = rates(r"dd conv=fdatasync")
fio_burst = rates(r"fio --size=2g WRITE")
fio_sustained = rates(r"fio --size=8g "); fio_sync_each = rates(r"fio --size=256m --fdatasync=1")
burst_ref = statistics.median(dd); sustained_ref = statistics.median(fio_sustained) if fio_sustained else None
def fmt(v): return f"{v:,.0f}"
head = [f"- dd buffered bs={bs}, 2 GiB: {', '.join(map(fmt, v))} MB/s (median {fmt(statistics.median(v))})" for bs, v in dd_by_bs.items()]
head += [
        f"- dd buffered bs=1M, 2 GiB: {', '.join(map(fmt, dd_1m))} MB/s",
        f"- dd conv=fdatasync (16K, 64K, 1M), 2 GiB: {', '.join(map(fmt, dd_sync))} MB/s"]
if fio_burst: head.append(f"- fio buffered, 2 GiB fresh file: {', '.join(map(fmt, fio_burst))} MB/s")
if fio_sustained: head.append(f"- fio buffered, 8 GiB fresh file (sustained, past the dirty limits): {', '.join(map(fmt, fio_sustained))} MB/s")
if fio_sync_each: head.append(f"- fio with fdatasync after every 64 KiB write: {fmt(fio_sync_each[0])} MB/s")
rows = ["| benchmark | params | threads | score | MB/s | ratio | alloc B/op |", "|---|---|---|---|---|---|---|"]
for name in ("append-burst.json", "append.json", "append-durable.json", "append-durable-8-threads.json", "read.json"):
    for r in json.loads((out / name).read_text()):
        sec = r.get("secondaryMetrics", {}); alloc = sec.get("gc.alloc.rate.norm", {}).get("score")
        params = ", ".join(f"{k}={v}" for k, v in r.get("params", {}).items())
        score = r["primaryMetric"]["score"]; unit = r["primaryMetric"]["scoreUnit"]
        bench = r["benchmark"].split(".")[-1]
        if name == "append-burst.json":
            bs = "16K" if r["params"]["batchBytes"] == "16384" else "64K"
            mbs = 2147.483648 / (score / 1000); ratio = f"{mbs / statistics.median(dd_by_bs[bs]):.0%} of dd {bs}"
            alloc = None if alloc is None else alloc / 1  # per burst
        else:
            mbs = sec.get("bytes", {}).get("score", 0) / 1e6
            ratio = f"{mbs / sustained_ref:.0%} of fio 8 GiB" if name == "append.json" and sustained_ref else ""
        rows.append(f"| {bench} | {params} | {r['threads']} | {score:,.1f} {unit} | {fmt(mbs)} | {ratio} | {'' if alloc is None else fmt(alloc)} |")
text = "\n".join(["raw sequential write on this machine, this session:", ""] + head + ["", *rows, ""])
(out / "summary.md").write_text(text)
print(text)
PY
