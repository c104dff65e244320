package io.tributary.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One member of the cluster's Raft group as {@code cluster.peers} names it: {@code id@host:port},
 * where {@code id} is that node's {@code node.id} and {@code host:port} its Raft address.
 *
 * @param id the node id
 * @param host the host other nodes reach its Raft server at
 * @param port the Raft port
 */
public record ClusterPeer(int id, String host, int port) {
    public ClusterPeer {
        if (id < 0) {
            throw new IllegalArgumentException("node id " + id + " is negative");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
    }

    /** Parses {@code id@host:port} ({@code [v6-address]} in brackets). */
    public static ClusterPeer parse(String text) {
        String t = text.trim();
        int at = t.indexOf('@');
        int colon = t.lastIndexOf(':');
        if (at <= 0 || colon < at + 2 || colon == t.length() - 1) {
            throw new IllegalArgumentException("'" + t + "' is not id@host:port");
        }
        String host = t.substring(at + 1, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new ClusterPeer(Integer.parseInt(t.substring(0, at)), host, Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' is not id@host:port (id and port are numbers)");
        }
    }

    /** Parses a whole peer list, refusing a node id or an address given twice. */
    public static List<ClusterPeer> parseAll(List<String> texts) {
        List<ClusterPeer> peers = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (String text : texts) {
            ClusterPeer p = parse(text);
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("node id " + p.id() + " is listed twice");
            }
            if (!addresses.add(p.address())) {
                throw new IllegalArgumentException("address " + p.address() + " is listed twice");
            }
            peers.add(p);
        }
        return List.copyOf(peers);
    }

    /** {@code host:port}, with an IPv6 host in brackets. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return id + "@" + address();
    }
}
