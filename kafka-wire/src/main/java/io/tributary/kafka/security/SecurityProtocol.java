package io.tributary.kafka.security;

/** Kafka's listener security protocols: whether SASL authentication is required, whether the socket is TLS. */
public enum SecurityProtocol {
    PLAINTEXT(false, false), SASL_PLAINTEXT(true, false), SSL(false, true), SASL_SSL(true, true);

    private final boolean sasl;
    private final boolean tls;

    SecurityProtocol(boolean sasl, boolean tls) {
        this.sasl = sasl;
        this.tls = tls;
    }

    public boolean sasl() {
        return sasl;
    }

    public boolean tls() {
        return tls;
    }
}
