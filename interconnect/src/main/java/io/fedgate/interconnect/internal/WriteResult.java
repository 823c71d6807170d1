package io.fedgate.interconnect.internal;

/** What the generic write path did with one row. */
public enum WriteResult { NOOP, CREATED, PATCHED, DELETED }
