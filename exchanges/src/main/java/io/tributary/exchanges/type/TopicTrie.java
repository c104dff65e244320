package io.tributary.exchanges.type;

import io.tributary.exchanges.DestinationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topic exchange's binding keys as a trie over dot-separated words, with {@code *} (exactly one
 * word) and {@code #} (zero or more words) edges, as in RabbitMQ's {@code rabbit_db_topic_exchange}
 * and LavinMQ's segment chain.
 *
 * <p>One writer at a time (the virtual host's topology lock); readers traverse concurrently. Every
 * field a reader follows is a concurrent map or a volatile copy-on-write array, so a reader sees
 * each binding either fully added or not at all. Consecutive {@code #} words are collapsed on insert,
 * which bounds the backtracking a key can cause.
 */
final class TopicTrie {
    private static final String[] NO_WORDS = new String[0];

    private static final class Node {
        final Map<String, Node> children = new ConcurrentHashMap<>();
        volatile Node star;
        volatile Node hash;
        volatile DestinationId[] targets;

        boolean isEmpty() {
            return children.isEmpty() && star == null && hash == null && targets == null;
        }
    }

    private final Node root = new Node();

    static String[] words(String key) {
        return key.isEmpty() ? NO_WORDS : key.split("\\.", -1);
    }

    /** The pattern's words with runs of {@code #} collapsed into one. */
    static String[] pattern(String bindingKey) {
        String[] w = words(bindingKey);
        List<String> out = new ArrayList<>(w.length);
        for (String s : w) {
            if (!("#".equals(s) && !out.isEmpty() && "#".equals(out.get(out.size() - 1)))) {
                out.add(s);
            }
        }
        return out.toArray(NO_WORDS);
    }

    /** The binding key as the trie stores it (runs of {@code #} collapsed). */
    static String canonical(String bindingKey) {
        return String.join(".", pattern(bindingKey));
    }

    void add(String bindingKey, DestinationId target) {
        Node n = root;
        for (String w : pattern(bindingKey)) {
            n = child(n, w, true);
        }
        n.targets = Targets.with(n.targets, target);
    }

    void remove(String bindingKey, DestinationId target) {
        String[] p = pattern(bindingKey);
        Node[] path = new Node[p.length + 1];
        path[0] = root;
        for (int i = 0; i < p.length; i++) {
            path[i + 1] = child(path[i], p[i], false);
            if (path[i + 1] == null) {
                return;
            }
        }
        Node leaf = path[p.length];
        leaf.targets = Targets.without(leaf.targets, target);
        for (int i = p.length; i > 0 && path[i].isEmpty(); i--) {
            unlink(path[i - 1], p[i - 1]);
        }
    }

    private static Node child(Node n, String word, boolean create) {
        if ("*".equals(word)) {
            if (n.star == null && create) {
                n.star = new Node();
            }
            return n.star;
        }
        if ("#".equals(word)) {
            if (n.hash == null && create) {
                n.hash = new Node();
            }
            return n.hash;
        }
        return create ? n.children.computeIfAbsent(word, k -> new Node()) : n.children.get(word);
    }

    private static void unlink(Node parent, String word) {
        if ("*".equals(word)) {
            parent.star = null;
        } else if ("#".equals(word)) {
            parent.hash = null;
        } else {
            parent.children.remove(word);
        }
    }

    /** Every target whose pattern matches the routing key; may contain duplicates. */
    void match(String routingKey, List<DestinationId> out) {
        match(root, words(routingKey), 0, out);
    }

    private static void match(Node n, String[] words, int i, List<DestinationId> out) {
        Node hash = n.hash;
        if (hash != null) {
            for (int j = i; j <= words.length; j++) {
                match(hash, words, j, out);
            }
        }
        if (i == words.length) {
            DestinationId[] t = n.targets;
            if (t != null) {
                for (DestinationId d : t) {
                    out.add(d);
                }
            }
            return;
        }
        Node c = n.children.get(words[i]);
        if (c != null) {
            match(c, words, i + 1, out);
        }
        Node star = n.star;
        if (star != null) {
            match(star, words, i + 1, out);
        }
    }
}
