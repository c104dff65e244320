/**
 * Small, careful file operations shared by the log store (and later the queue store): atomic
 * checkpoint replacement (write temp, fsync, rename, fsync directory), directory fsync, memory-map
 * release.
 *
 * <p>Threading: the classes here are stateless or guard their own state; callers decide which
 * thread does the I/O (never a network thread for an fsync).
 */
package io.tributary.logstore.io;
