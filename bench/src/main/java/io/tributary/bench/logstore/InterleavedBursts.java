package io.tributary.bench.logstore;

import io.tributary.logstore.LogConfigDefs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bursts of {@link LogAppendBurstBenchmark}, interleaved with {@code dd} of the same write size
 * in one process, round after round, so that each append figure has raw figures taken seconds
 * before it under the same load (the machine's cores and disk are shared; a single shot moves by 2x
 * from one minute to the next). After a warm-up of each configuration, each round runs {@code dd} with
 * {@code bs=16K, 64K, 256K, 1M}, then every (batch, record size, write buffer and writer threads) burst
 * of {@code bytes} into a fresh log, the settings in rotating order; the fsync and deletion of each log happen outside the timing. Prints every
 * trial, then the medians and each append median as a share of the median {@code dd} of its size and
 * of the best {@code dd} median (the machine's buffered sequential write bandwidth).
 *
 * <pre>
 * flock /tmp/tributary-bench.lock java -Djava.io.tmpdir=/tmp -cp bench/target/benchmarks.jar \
 *     io.tributary.bench.logstore.InterleavedBursts [rounds=6] [bytes=1073741824]
 * </pre>
 */
public final class InterleavedBursts {
    private static final Pattern DD_RATE = Pattern.compile("([\\d.]+) ([GM])B/s");

    private InterleavedBursts() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        long bytes = args.length > 1 ? Long.parseLong(args[1]) : 1L << 30;
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Map<String, List<Double>> results = new LinkedHashMap<>();
        int[] batches = {16384, 65536};
        int[] recordSizes = {100, 1024};
        int[] ddSizes = {16384, 65536, 262144, 1 << 20};
        for (int batchBytes : batches) { // warm-up: the JIT compiles the append path before the first trial
            for (int recordBytes : recordSizes) {
                for (Setup setup : SETUPS) {
                    burst(batchBytes, recordBytes, setup, 256L << 20);
                }
            }
        }
        for (int round = 1; round <= rounds; round++) {
            for (int ddBytes : ddSizes) {
                record(results, ddKey(ddBytes), dd(tmp, ddBytes, bytes), round);
            }
            for (int batchBytes : batches) {
                for (int recordBytes : recordSizes) {
                    for (int i = 0; i < SETUPS.size(); i++) {
                        Setup setup = SETUPS.get((i + round) % SETUPS.size());
                        String key = "burst batch=" + batchBytes / 1024 + "K record=" + recordBytes + " " + setup;
                        record(results, key, burst(batchBytes, recordBytes, setup, bytes), round);
                    }
                }
            }
        }
        double bestDd = 0;
        for (int ddBytes : ddSizes) {
            bestDd = Math.max(bestDd, median(results.get(ddKey(ddBytes))));
        }
        System.out.println();
        System.out.printf("best dd median: %,.0f MB/s%n", bestDd);
        System.out.println("| configuration | median MB/s | share of the median dd of its size | share of the best dd | trials |");
        System.out.println("|---|---|---|---|---|");
        for (Map.Entry<String, List<Double>> e : results.entrySet()) {
            double median = median(e.getValue());
            String share = "";
            String best = "";
            if (e.getKey().startsWith("burst")) {
                String bs = e.getKey().contains("batch=16K") ? ddKey(16384) : ddKey(65536);
                share = String.format("%.0f%%", 100 * median / median(results.get(bs)));
                best = String.format("%.0f%%", 100 * median / bestDd);
            }
            System.out.printf("| %s | %,.0f | %s | %s | %s |%n", e.getKey(), median, share, best, format(e.getValue()));
        }
    }

    /** The broker settings a burst runs with: {@code log.write.buffer.bytes} and {@code log.writer.threads}. */
    private record Setup(int writeBufferBytes, int writerThreads) {
        @Override
        public String toString() {
            return "writeBufferBytes=" + writeBufferBytes + " writerThreads=" + writerThreads;
        }
    }

    /** The default last; before it the settings of the runs on record (64 KiB, written by the appending thread). */
    private static final List<Setup> SETUPS = List.of(new Setup(65536, 0), new Setup(262144, 0), new Setup(262144, 1));

    private static String ddKey(int ddBytes) {
        return "dd bs=" + ddBytes / 1024 + "K";
    }

    private static void record(Map<String, List<Double>> results, String key, double mbPerSecond, int round) {
        results.computeIfAbsent(key, k -> new ArrayList<>()).add(mbPerSecond);
        System.out.printf("round %d: %s: %,.0f MB/s (load %s)%n", round, key, mbPerSecond, load());
    }

    /** MB/s of {@code bytes} of appends into a fresh log; the log's fsync and deletion are not timed. */
    private static double burst(int batchBytes, int recordBytes, Setup setup, long bytes) throws Exception {
        ByteBuffer batch = BenchLogs.batch(recordBytes, batchBytes);
        long appends = bytes / batch.remaining();
        try (BenchLogs logs = new BenchLogs(Map.of(LogConfigDefs.FLUSH_MESSAGES, Long.toString(Long.MAX_VALUE),
                LogConfigDefs.SEGMENT_BYTES, Integer.toString(Integer.MAX_VALUE), LogConfigDefs.RETENTION_BYTES, "-1"), setup.writeBufferBytes(), setup.writerThreads())) {
            long start = System.nanoTime();
            for (long i = 0; i < appends; i++) {
                logs.log.appendAsLeader(batch, 0);
            }
            long nanos = System.nanoTime() - start;
            return appends * (double) batch.remaining() / 1e6 / (nanos / 1e9);
        }
    }

    /** MB/s that {@code dd if=/dev/zero bs=<write size>} reports for {@code bytes} into a fresh file. */
    private static double dd(Path tmp, int writeBytes, long bytes) throws IOException, InterruptedException {
        Path file = tmp.resolve("tributary-interleaved-dd.bin");
        Process p = new ProcessBuilder("dd", "if=/dev/zero", "of=" + file, "bs=" + writeBytes, "count=" + bytes / writeBytes)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Files.deleteIfExists(file);
        Matcher m = DD_RATE.matcher(out);
        double rate = Double.NaN;
        while (m.find()) {
            rate = Double.parseDouble(m.group(1)) * (m.group(2).equals("G") ? 1000 : 1);
        }
        return rate;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(String.format("%,.0f", v));
        }
        return String.join(", ", parts);
    }
}
