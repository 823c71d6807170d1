package io.fedgate.hubclient.protocol;

import io.fedgate.api.codec.DocumentCodec;
import io.fedgate.api.codec.FederationCodecs;
import io.fedgate.api.codec.ModelReaders;
import io.fedgate.api.codec.ObjectFields;
import io.fedgate.api.codec.Range;
import io.fedgate.api.codec.TextRule;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.PlanDelta;
import io.fedgate.api.model.ServiceImport;
import io.fedgate.api.pki.CertificateAuthority;
import java.util.List;

/**
 * Strict codecs for the hub API's documents that cross a trust boundary: requests the hub reads from
 * callers, and plans and watch events clients read from the hub. Like every {@link DocumentCodec}, they
 * refuse oversized documents before parsing and list every problem with its field path.
 */
public final class HubDocuments {
    /** Longest join token accepted. */
    public static final int DEFAULT_MAX_TOKEN_CHARS = 256;
    /** Longest token lifetime an admin may ask for: one year. */
    public static final long MAX_TOKEN_TTL_SECONDS = 365L * 24 * 3600;
    /** Components a join token may admit: never the hub itself. */
    public static final List<String> JOINABLE_COMPONENTS = List.of("agent", "gateway");

    private static final int CSR_CHARS = CertificateAuthority.DEFAULT_MAX_CSR_PEM_CHARS;
    /** Largest {@code POST /v1/join} body: a token and a CSR, with room for JSON escaping of the CSR. */
    public static final int MAX_JOIN_REQUEST_BYTES = DEFAULT_MAX_TOKEN_CHARS + 2 * CSR_CHARS;
    private static final TextRule TOKEN = TextRule.maxLength(DEFAULT_MAX_TOKEN_CHARS);
    private static final TextRule CSR = TextRule.maxLength(CSR_CHARS);
    private static final TextRule JOINABLE = TextRule.oneOf(JOINABLE_COMPONENTS, "a component that can join");
    private static final TextRule EVENT_TYPE = TextRule.oneOf(PlanEvent.TYPES, "a plan event type");
    private static final Range REMAINING = new Range("a count of lines still to come", 0,
            ModelReaders.DEFAULT_MAX_PLAN_IMPORTS);
    private static final Range TTL_SECONDS = new Range("a token lifetime in seconds", 1, MAX_TOKEN_TTL_SECONDS);

    private HubDocuments() {
    }

    /** {@code POST /v1/join} bodies. */
    public static DocumentCodec<JoinRequest> joinRequest() {
        return DocumentCodec.of("JoinRequest", f -> new JoinRequest(f.requiredText("token", TOKEN),
                f.requiredText("csr", CSR))).withMaxDocumentBytes(MAX_JOIN_REQUEST_BYTES);
    }

    /** {@code POST /v1/certificates/renew} bodies. */
    public static DocumentCodec<RenewRequest> renewRequest() {
        return DocumentCodec.of("RenewRequest", f -> new RenewRequest(f.requiredText("csr", CSR)))
                .withMaxDocumentBytes(2 * CSR_CHARS);
    }

    /** {@code POST /v1/tokens} bodies. */
    public static DocumentCodec<TokenRequest> tokenRequest() {
        return DocumentCodec.of("TokenRequest", HubDocuments::tokenRequest).withMaxDocumentBytes(4096);
    }

    /** One line of a plan watch stream, bounded by {@link HubApi#DEFAULT_MAX_EVENT_BYTES}. */
    public static DocumentCodec<PlanEvent> planEvent() {
        return DocumentCodec.of("PlanEvent", HubDocuments::planEvent).withMaxDocumentBytes(HubApi.DEFAULT_MAX_EVENT_BYTES);
    }

    /** A plan as {@code GET .../plan} returns it, bounded by {@link HubApi#DEFAULT_MAX_RESPONSE_BYTES}. */
    public static DocumentCodec<ClusterPlan> clusterPlan() {
        return FederationCodecs.clusterPlan().withMaxDocumentBytes(HubApi.DEFAULT_MAX_RESPONSE_BYTES);
    }

    private static TokenRequest tokenRequest(ObjectFields f) {
        String clusterId = f.requiredText("clusterId", TextRule.DNS_LABEL);
        String component = f.has("component") ? f.requiredText("component", JOINABLE) : "agent";
        Long ttl = f.has("ttlSeconds") ? f.requiredLong("ttlSeconds", TTL_SECONDS) : null;
        return new TokenRequest(clusterId, component, ttl);
    }

    private static PlanEvent planEvent(ObjectFields f) {
        String type = f.requiredText("type", EVENT_TYPE);
        long version = f.requiredLong("version", Range.NON_NEGATIVE);
        ClusterPlan plan = f.object("plan", n -> ModelReaders.clusterPlan(n, ModelReaders.DEFAULT_MAX_IMPORTS));
        PlanDelta delta = f.object("delta", ModelReaders::planDelta);
        List<ServiceImport> imports = ModelReaders.imports(f, "imports", ModelReaders.DEFAULT_MAX_IMPORTS);
        int remaining = f.integer("remaining", REMAINING, 0);
        boolean wholePlan = PlanEvent.PLAN.equals(type) || PlanEvent.RESYNC.equals(type);
        if (plan == null && wholePlan) {
            f.problem("plan", "is required for a " + type + " event");
        }
        if (plan != null && plan.version() != version) {
            f.problem("plan.version", plan.version() + " differs from the event's version " + version);
        }
        if (delta == null && PlanEvent.DELTA.equals(type)) {
            f.problem("delta", "is required for a " + type + " event");
        }
        if (delta != null && delta.version() != version) {
            f.problem("delta.version", delta.version() + " differs from the event's version " + version);
        }
        if (remaining > 0 && !(PlanEvent.RESYNC.equals(type) || PlanEvent.DELTA.equals(type)
                || PlanEvent.IMPORTS.equals(type))) {
            f.problem("remaining", "is only allowed on RESYNC, DELTA and IMPORTS events, not " + type);
        }
        return new PlanEvent(type, version, plan, delta, imports, remaining);
    }
}
