package io.tributary.server.http.api;

import java.util.Set;

/** The authenticated user of a request, with its tags. */
public record ApiUser(String name, Set<String> tags) {
    public boolean administrator() {
        return tags.contains("administrator");
    }

    /** Sees every virtual host, connection and channel (monitoring or administrator). */
    public boolean seesEverything() {
        return Access.MONITORING.allows(tags);
    }
}
