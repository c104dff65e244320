package io.tributary.exchanges;

import io.tributary.exchanges.type.BindingSink;
import io.tributary.exchanges.vhost.VirtualHost;
import java.util.Arrays;

/**
 * The result of routing one message: the distinct destinations it goes to. One instance is reused
 * by one publishing channel for every message it routes (not thread-safe), so routing allocates
 * nothing in the common case.
 */
public final class RoutedDestinations implements BindingSink {
    private Destination[] destinations = new Destination[4];
    private int size;
    private Exchange[] exchanges = new Exchange[4];
    private int exchangeCount;
    private int matchedByCurrent;
    private VirtualHost vhost;

    void reset(VirtualHost vh) {
        vhost = vh;
        Arrays.fill(destinations, 0, size, null);
        size = 0;
        Arrays.fill(exchanges, 0, exchangeCount, null);
        exchangeCount = 0;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public Destination get(int i) {
        return destinations[i];
    }

    /** Adds an exchange to visit; false when it was visited already (cycle) or is null. */
    boolean visit(Exchange e) {
        if (e == null) {
            return false;
        }
        for (int i = 0; i < exchangeCount; i++) {
            if (exchanges[i] == e) {
                return false;
            }
        }
        if (exchangeCount == exchanges.length) {
            exchanges = Arrays.copyOf(exchanges, exchangeCount * 2);
        }
        exchanges[exchangeCount++] = e;
        return true;
    }

    int exchangeCount() {
        return exchangeCount;
    }

    Exchange exchangeAt(int i) {
        return exchanges[i];
    }

    void startExchange() {
        matchedByCurrent = 0;
    }

    int matchedByCurrent() {
        return matchedByCurrent;
    }

    @Override
    public void matched(DestinationId target) {
        matchedByCurrent++;
        if (target.isExchange()) {
            visit(vhost.exchange(target.name()));
        } else {
            addDestination(vhost.destination(target.name()));
        }
    }

    @Override
    public void held(Destination holder) {
        matchedByCurrent++;
        addDestination(holder);
    }

    void addDestination(Destination d) {
        if (d == null) {
            return;
        }
        for (int i = 0; i < size; i++) {
            if (destinations[i] == d) {
                return;
            }
        }
        if (size == destinations.length) {
            destinations = Arrays.copyOf(destinations, size * 2);
        }
        destinations[size++] = d;
    }
}
