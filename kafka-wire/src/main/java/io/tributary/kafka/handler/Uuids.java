package io.tributary.kafka.handler;

import java.util.UUID;
import org.apache.kafka.common.Uuid;

/** Topic ids between the log store ({@link UUID}) and the wire ({@link Uuid}). */
public final class Uuids {
    private Uuids() {
    }

    public static Uuid toKafka(UUID id) {
        return new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    public static UUID fromKafka(Uuid id) {
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }
}
