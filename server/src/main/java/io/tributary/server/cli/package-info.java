/** Administrative subcommands of the {@code tributary} command that work on a stopped broker's data directory. */
package io.tributary.server.cli;
