package io.fedgate.agent.internal.model;

/**
 * One status condition as Kubernetes stores it ({@code metav1.Condition}), as text.
 *
 * @param status             {@code True}, {@code False} or {@code Unknown}
 * @param message            never null: an absent message is empty, as the API server stores it
 * @param observedGeneration the object's {@code metadata.generation} it was computed from, or null
 * @param lastTransitionTime RFC 3339 in seconds, as the API server writes it
 */
public record ConditionState(String type, String status, String reason, String message, Long observedGeneration,
                             String lastTransitionTime) {
    public ConditionState {
        message = message == null ? "" : message;
    }

    /** {@code status} of a true condition. */
    public static final String TRUE = "True";
    /** {@code status} of a false condition. */
    public static final String FALSE = "False";
    /** {@code status} of a condition not known yet. */
    public static final String UNKNOWN = "Unknown";

    /**
     * The condition {@code type} now: {@code lastTransitionTime} stays {@code stored}'s while the status is the
     * same, and becomes {@code now} (whole seconds, as the API server keeps it) when it changes.
     *
     * @param stored the condition as stored, or null
     */
    public static ConditionState at(ConditionState stored, String type, String status, String reason, String message,
                                    Long generation, java.time.Instant now) {
        String since = stored != null && status.equals(stored.status()) && stored.lastTransitionTime() != null
                ? stored.lastTransitionTime()
                : java.time.format.DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(
                        java.time.temporal.ChronoUnit.SECONDS));
        return new ConditionState(type, status, reason, message, generation, since);
    }

    /** {@link #TRUE} or {@link #FALSE}. */
    public static String status(boolean value) {
        return value ? TRUE : FALSE;
    }
}
