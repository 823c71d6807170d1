package io.fedgate.api.model;

/**
 * A ServiceExport status condition as KEP-1645 defines them ({@code Valid}, {@code Conflict}).
 *
 * @param reason  CamelCase machine reason
 * @param message human sentence
 */
public record ExportCondition(String type, boolean status, String reason, String message) {
    /** Condition type: the export is valid (the Service exists, names are right). */
    public static final String VALID = "Valid";
    /** Condition type: the export is (or is not yet) part of the cluster set's plan. */
    public static final String READY = "Ready";
    /** Condition type: this export conflicts with an older one; the older one's properties win. */
    public static final String CONFLICT = "Conflict";
}
