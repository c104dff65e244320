/** Typed failures of the routing core and destinations; protocol modules map them to their codes. Thread-safe (immutable). */
package io.tributary.exchanges.error;
