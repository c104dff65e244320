package io.tributary.server.http.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * RabbitMQ's list parameters: {@code sort} / {@code sort_reverse} on a top-level field, and with
 * {@code page} (and {@code page_size}, {@code name}, {@code use_regex}) the paged answer
 * {@code {"items": [...], "page", "page_count", "page_size", "filtered_count", "item_count", "total_count"}};
 * {@code columns=name,messages,message_stats.publish} keeps only those (dotted: nested) fields of
 * each item, as {@code rabbitmqadmin list} asks.
 */
final class Paging {
    private Paging() {
    }

    static Object apply(ApiRequest r, List<Map<String, Object>> items) {
        List<Map<String, Object>> list = new ArrayList<>(items);
        String sort = r.query("sort");
        if (sort != null && !sort.isEmpty()) {
            Comparator<Map<String, Object>> c = Comparator.comparing(m -> sortKey(m.get(sort)), Comparator.nullsFirst(Comparator.naturalOrder()));
            list.sort(r.flag("sort_reverse") ? c.reversed() : c);
        }
        list = columns(r.query("columns"), list);
        String page = r.query("page");
        if (page == null) {
            return list;
        }
        int total = list.size();
        String name = r.query("name");
        if (name != null && !name.isEmpty()) {
            Pattern p = pattern(name, r.flag("use_regex"));
            list.removeIf(m -> !p.matcher(String.valueOf(m.get("name"))).find());
        }
        int size = Math.max(1, Math.min(500, integer(r.query("page_size"), 100)));
        int pageNo = Math.max(1, integer(page, 1));
        int pages = Math.max(1, (list.size() + size - 1) / size);
        if (pageNo > pages) {
            throw ApiException.badRequest("Page out of range");
        }
        List<Map<String, Object>> slice = list.subList((pageNo - 1) * size, Math.min(list.size(), pageNo * size));
        return Json.obj("filtered_count", list.size(), "item_count", slice.size(), "items", slice, "page", pageNo, "page_count", pages,
                "page_size", size, "total_count", total);
    }

    private static List<Map<String, Object>> columns(String columns, List<Map<String, Object>> list) {
        if (columns == null || columns.isBlank()) {
            return list;
        }
        List<String[]> paths = new ArrayList<>();
        for (String c : columns.split(",")) {
            if (!c.isBlank()) {
                paths.add(c.trim().split("\\."));
            }
        }
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        for (Map<String, Object> item : list) {
            Map<String, Object> kept = new LinkedHashMap<>();
            for (String[] path : paths) {
                copy(item, kept, path, 0);
            }
            out.add(kept);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void copy(Map<String, Object> from, Map<String, Object> to, String[] path, int i) {
        if (!from.containsKey(path[i])) {
            return;
        }
        Object v = from.get(path[i]);
        if (i == path.length - 1) {
            to.put(path[i], v);
        } else if (v instanceof Map<?, ?> nested) {
            Map<String, Object> child = (Map<String, Object>) to.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
            copy((Map<String, Object>) nested, child, path, i + 1);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparable sortKey(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return v == null ? null : (Comparable) String.valueOf(v);
    }

    private static Pattern pattern(String name, boolean regex) {
        try {
            return regex ? Pattern.compile(name) : Pattern.compile(Pattern.quote(name), Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw ApiException.badRequest("invalid regular expression: " + name);
        }
    }

    private static int integer(String s, int dflt) {
        if (s == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("not a number: " + s);
        }
    }
}
