/**
 * The routing core: the {@link io.tributary.exchanges.Destination} contract, exchanges and the
 * {@link io.tributary.exchanges.Router}. Routing is lock-free and may run on any thread; no type
 * here knows sockets or Netty (bodies are byte arrays or read-only ByteBuffers).
 */
package io.tributary.exchanges;
