package io.tributary.amqp.detect;

import java.util.Arrays;

/** The 8-byte protocol headers a client opens with on the AMQP port. */
public enum ProtocolHeader {
    /** AMQP 0-9-1: {@code "AMQP" 0 0 9 1}. */
    AMQP_0_9_1(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1}),
    /** AMQP 1.0 without SASL: {@code "AMQP" 0 1 0 0}. */
    AMQP_1_0(new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0}),
    /** AMQP 1.0 SASL layer: {@code "AMQP" 3 1 0 0}. */
    AMQP_1_0_SASL(new byte[] {'A', 'M', 'Q', 'P', 3, 1, 0, 0});

    public static final int LENGTH = 8;

    private final byte[] bytes;

    ProtocolHeader(byte[] bytes) {
        this.bytes = bytes;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The header these 8 bytes are, or null for anything else. */
    public static ProtocolHeader of(byte[] received) {
        for (ProtocolHeader h : values()) {
            if (Arrays.equals(h.bytes, received)) {
                return h;
            }
        }
        return null;
    }
}
