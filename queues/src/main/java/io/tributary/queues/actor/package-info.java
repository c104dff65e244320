/** Actor-style confinement: a serial mailbox over a shared executor. Submitting is thread-safe; tasks run one at a time. */
package io.tributary.queues.actor;
