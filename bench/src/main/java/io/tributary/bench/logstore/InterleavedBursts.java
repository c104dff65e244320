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
 * from one minute to the next). After a warm-up of each configuration, each round runs {@code dd bs=16K} and {@code bs=64K}, then every
 * (batch, record size, write buffer) burst of {@code bytes} into a fresh log, the buffer settings
 * in alternating order; the fsync and deletion of each log happen outside the timing. Prints every
 * trial, then the medians and each append median as a share of the median {@code dd} of its size.
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
        int[] buffers = {0, 65536};
        for (int batchBytes : batches) { // warm-up: the JIT compiles the append path before the first trial
            for (int recordBytes : recordSizes) {
                for (int buffer : buffers) {
                    burst(batchBytes, recordBytes, buffer, 256L << 20);
                }
            }
        }
        for (int round = 1; round <= rounds; round++) {
            for (int batchBytes : batches) {
                String ddKey = "dd bs=" + batchBytes / 1024 + "K";
                double dd = dd(tmp, batchBytes, bytes);
                record(results, ddKey, dd, round);
                for (int recordBytes : recordSizes) {
                    for (int i = 0; i < buffers.length; i++) {
                        int buffer = buffers[(i + round) % buffers.length];
                        String key = "burst batch=" + batchBytes / 1024 + "K record=" + recordBytes + " writeBufferBytes=" + buffer;
                        record(results, key, burst(batchBytes, recordBytes, buffer, bytes), round);
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| configuration | median MB/s | share of the median dd of its size | trials |");
        System.out.println("|---|---|---|---|");
        for (Map.Entry<String, List<Double>> e : results.entrySet()) {
            double median = median(e.getValue());
            String share = "";
            if (e.getKey().startsWith("burst")) {
                String bs = e.getKey().contains("batch=16K") ? "dd bs=16K" : "dd bs=64K";
                share = String.format("%.0f%%", 100 * median / median(results.get(bs)));
            }
            System.out.printf("| %s | %,.0f | %s | %s |%n", e.getKey(), median, share, format(e.getValue()));
        }
    }

    private static void record(Map<String, List<Double>> results, String key, double mbPerSecond, int round) {
        results.computeIfAbsent(key, k -> new ArrayList<>()).add(mbPerSecond);
        System.out.printf("round %d: %s: %,.0f MB/s (load %s)%n", round, key, mbPerSecond, load());
    }

    /** MB/s of {@code bytes} of appends into a fresh log; the log's fsync and deletion are not timed. */
    private static double burst(int batchBytes, int recordBytes, int writeBufferBytes, long bytes) throws Exception {
        ByteBuffer batch = BenchLogs.batch(recordBytes, batchBytes);
        long appends = bytes / batch.remaining();
        try (BenchLogs logs = new BenchLogs(Map.of(LogConfigDefs.FLUSH_MESSAGES, Long.toString(Long.MAX_VALUE),
                LogConfigDefs.SEGMENT_BYTES, Integer.toString(Integer.MAX_VALUE), LogConfigDefs.RETENTION_BYTES, "-1"), writeBufferBytes)) {
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
