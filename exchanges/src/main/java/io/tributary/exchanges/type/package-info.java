/**
 * The exchange-type SPI and the built-in types. Routing tables are changed by one writer at a time
 * (the virtual host's topology lock) and read lock-free by any number of publishing threads.
 */
package io.tributary.exchanges.type;
