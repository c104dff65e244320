/**
 * The protocol-neutral message model: original encoding plus a format tag, decoded lazily.
 * Messages are immutable (apart from a benign decode cache) and safe to share across threads.
 */
package io.tributary.exchanges.message;
