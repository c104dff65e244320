package io.tributary.exchanges.message;

import java.nio.charset.StandardCharsets;
import java.util.Date;

/** Application header values as record header bytes: text for what has a text form, raw bytes for byte arrays. */
final class HeaderValues {
    private HeaderValues() {
    }

    static byte[] toBytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof Date d) {
            return Long.toString(d.getTime() / 1000).getBytes(StandardCharsets.UTF_8);
        }
        return String.valueOf(v).getBytes(StandardCharsets.UTF_8);
    }
}
