package io.tributary.kafka.acl;

/** How an ACL's resource name matches: the exact name ({@code *} = every name) or a prefix. */
public enum PatternType { LITERAL, PREFIXED }
