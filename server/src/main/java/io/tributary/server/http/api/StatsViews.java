package io.tributary.server.http.api;

import io.tributary.server.metrics.ManagementStats;
import io.tributary.server.metrics.SampleRing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sampled figures as RabbitMQ's management shows them: {@code "publish": total} with
 * {@code "publish_details": {"rate": r}}; with {@code msg_rates_age} / {@code lengths_age} (seconds)
 * in the query, the details also carry {@code samples} (newest first), {@code avg} and
 * {@code avg_rate} over that age, which is what the console charts.
 */
final class StatsViews {
    private StatsViews() {
    }

    /** {@code message_stats} of counters ({@code publish}, {@code deliver_get}, {@code ack}, ...). */
    static Map<String, Object> messageStats(ApiRequest r, ManagementStats.Series series, List<String> counters) {
        Map<String, Object> out = Json.obj();
        long age = ageSeconds(r, "msg_rates_age");
        for (String c : counters) {
            SampleRing ring = series.ring(c);
            out.put(c, ring.last());
            out.put(c + "_details", details(ring, age));
        }
        return out;
    }

    /** Depth figures ({@code messages}, {@code messages_ready}, ...) with their details, into {@code into}. */
    static void lengths(ApiRequest r, ManagementStats.Series series, List<String> gauges, Map<String, Object> into) {
        long age = ageSeconds(r, "lengths_age");
        for (String g : gauges) {
            SampleRing ring = series.ring(g);
            into.put(g + "_details", details(ring, age));
        }
    }

    private static long ageSeconds(ApiRequest r, String param) {
        String v = r.query(param);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(param + " must be a number of seconds");
        }
    }

    private static Map<String, Object> details(SampleRing ring, long ageSeconds) {
        Map<String, Object> d = Json.rate(ring.rate());
        if (ageSeconds < 0) {
            return d;
        }
        List<SampleRing.Sample> samples = ring.samples(System.currentTimeMillis() - ageSeconds * 1000);
        List<Object> out = new ArrayList<>(samples.size());
        double sum = 0;
        for (int i = samples.size() - 1; i >= 0; i--) {
            SampleRing.Sample s = samples.get(i);
            out.add(Json.obj("sample", s.value(), "timestamp", s.timestampMillis()));
            sum += s.value();
        }
        d.put("samples", out);
        d.put("avg", samples.isEmpty() ? 0.0 : sum / samples.size());
        double avgRate = 0.0;
        if (samples.size() >= 2) {
            SampleRing.Sample first = samples.get(0);
            SampleRing.Sample last = samples.get(samples.size() - 1);
            long dt = last.timestampMillis() - first.timestampMillis();
            avgRate = dt <= 0 ? 0.0 : Math.max(0, last.value() - first.value()) * 1000.0 / dt;
        }
        d.put("avg_rate", Math.round(avgRate * 100.0) / 100.0);
        return d;
    }
}
