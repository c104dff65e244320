/** The routing core: message model, virtual hosts, exchange types, bindings and the Destination contract. */
package io.tributary.exchanges;
