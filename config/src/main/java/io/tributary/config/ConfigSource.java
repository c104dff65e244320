package io.tributary.config;

/** Where a setting's value came from, in rising precedence. */
public enum ConfigSource {
    DEFAULT, FILE, ENVIRONMENT, COMMAND_LINE, EMBEDDED
}
