package io.tributary.logstore;

/** Who is appending, which decides the checks an append gets. */
public enum AppendOrigin {
    /** A producer: every check, idempotence included; control batches refused. */
    CLIENT,
    /** The transaction coordinator writing commit/abort markers: control batches allowed. */
    COORDINATOR
}
