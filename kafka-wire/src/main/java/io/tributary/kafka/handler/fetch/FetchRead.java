package io.tributary.kafka.handler.fetch;

import org.apache.kafka.common.message.FetchResponseData;

/**
 * One read of a Fetch: the response as it would be sent now, how many record bytes it carries,
 * whether a partition failed, and the visible end of each target's log when it was read (a later
 * advance past it means new data).
 */
record FetchRead(FetchResponseData response, long bytes, boolean hasErrors, long[] boundsRead) {

    /** True when the fetch can be answered now rather than wait: enough bytes, or an error. */
    boolean satisfies(ResolvedFetch fetch) {
        return hasErrors || bytes >= fetch.minBytes();
    }
}
