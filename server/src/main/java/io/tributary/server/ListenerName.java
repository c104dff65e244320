package io.tributary.server;

/** The broker's three listeners. */
public enum ListenerName {
    KAFKA("Kafka"), AMQP("AMQP"), HTTP("HTTP");

    private final String displayName;

    ListenerName(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
