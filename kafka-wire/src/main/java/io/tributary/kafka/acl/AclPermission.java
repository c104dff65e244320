package io.tributary.kafka.acl;

/** Whether an ACL grants or forbids; a matching DENY always wins. */
public enum AclPermission { ALLOW, DENY }
