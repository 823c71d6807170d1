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

    /** {@link #TRUE} or {@link #FALSE}. */
    public static String status(boolean value) {
        return value ? TRUE : FALSE;
    }
}
