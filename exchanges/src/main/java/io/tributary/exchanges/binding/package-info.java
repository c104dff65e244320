/** Bindings between exchanges and destinations. Immutable values, thread-safe. */
package io.tributary.exchanges.binding;
