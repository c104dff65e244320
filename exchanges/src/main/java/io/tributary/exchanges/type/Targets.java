package io.tributary.exchanges.type;

import io.tributary.exchanges.DestinationId;
import java.util.Arrays;

/** Copy-on-write arrays of binding targets; {@code null} stands for none. */
final class Targets {
    static final DestinationId[] NONE = new DestinationId[0];

    private Targets() {
    }

    static DestinationId[] with(DestinationId[] old, DestinationId added) {
        if (old == null) {
            return new DestinationId[] {added};
        }
        for (DestinationId d : old) {
            if (d.equals(added)) {
                return old;
            }
        }
        DestinationId[] n = Arrays.copyOf(old, old.length + 1);
        n[old.length] = added;
        return n;
    }

    /** @return the array without {@code removed}, or null when it becomes empty (removes a map entry) */
    static DestinationId[] without(DestinationId[] old, DestinationId removed) {
        if (old == null) {
            return null;
        }
        DestinationId[] n = Arrays.stream(old).filter(d -> !d.equals(removed)).toArray(DestinationId[]::new);
        return n.length == 0 ? null : n;
    }
}
