/**
 * The contract between the protocol layers and the broker's user store: authenticating a user by
 * password or by SCRAM secrets, the tags a user has, and virtual-host permissions. The server
 * implements it ({@code io.tributary.server.security.UserStore}); protocol modules see only these
 * types. Implementations are thread-safe and fast enough to call on an event loop.
 */
package io.tributary.config.security;
