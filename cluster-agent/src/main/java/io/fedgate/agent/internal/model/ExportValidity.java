package io.fedgate.agent.internal.model;

/**
 * Whether a ServiceExport can be exported, as this cluster alone can tell (the hub decides conflicts).
 *
 * @param reason  CamelCase reason of the {@code Valid} condition
 * @param message the sentence for the condition, naming the export and what is wrong
 */
public record ExportValidity(boolean valid, String reason, String message) {
    /** {@code Valid=True} reason. */
    public static final String REASON_VALID = "Valid";
    /** {@code Valid=False}: no Service of the export's namespace and name. */
    public static final String REASON_NO_SERVICE = "NoService";
    /** {@code Valid=False}: the name cannot be a Service's (not a DNS-1035 label). */
    public static final String REASON_INVALID_NAME = "InvalidServiceName";
    /** {@code Valid=False}: an ExternalName Service, which MCS cannot export. */
    public static final String REASON_INVALID_TYPE = "InvalidServiceType";
    /** {@code Valid=False}: a {@code fedgate.io/*} annotation has a bad value. */
    public static final String REASON_INVALID_ANNOTATION = "InvalidAnnotation";
    /** {@code Valid=False}: {@code spec.exportedLabels} or {@code spec.exportedAnnotations} has a bad entry. */
    public static final String REASON_INVALID_EXPORTED_METADATA = "InvalidExportedMetadata";

    /** A valid export; the message is the hub planner's, so the hub's confirmation changes nothing. */
    public static ExportValidity valid(ObjectKey export) {
        return new ExportValidity(true, REASON_VALID, "exported to the cluster set as " + export);
    }

    /** An export that exports nothing, for {@code reason}. */
    public static ExportValidity invalid(String reason, String message) {
        return new ExportValidity(false, reason, message);
    }
}
