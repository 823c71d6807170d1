package io.fedgate.gateway.internal.relay;

import java.util.Objects;

/**
 * The correlation of a flow's log lines ({@code cluster=east import=bank/payments:8443 planVersion=7
 * client=/10.0.0.1:5123}), put together only when a line is written: a flow that logs nothing (nearly all of
 * them, with debug off) costs one small object per part instead of a formatted string.
 */
public final class LogContext {
    private final Object base;
    private final String key;
    private final Object value;

    private LogContext(Object base, String key, Object value) {
        this.base = base;
        this.key = key;
        this.value = value;
    }

    /** A context that reads as {@code base} (its {@code toString()}, taken when a line is written). */
    public static LogContext of(Object base) {
        return new LogContext(Objects.requireNonNull(base, "base"), null, null);
    }

    /** This context followed by {@code key=value}. */
    public LogContext with(String key, Object value) {
        return new LogContext(this, Objects.requireNonNull(key, "key"), value);
    }

    @Override
    public String toString() {
        return key == null ? base.toString() : base + " " + key + "=" + value;
    }
}
