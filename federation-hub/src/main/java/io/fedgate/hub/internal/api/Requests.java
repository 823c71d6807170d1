package io.fedgate.hub.internal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fedgate.api.codec.InvalidDocumentException;
import io.fedgate.api.codec.Range;
import io.fedgate.api.codec.TextRule;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.api.pki.UntrustedPeerException;
import io.fedgate.hub.internal.access.Decision;
import io.fedgate.hub.internal.access.Operation;
import io.fedgate.hub.internal.state.ClusterStatus;
import io.fedgate.hubclient.protocol.HubApi;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every endpoint does with a request: identify and authorize the caller, read parameters, answer. */
final class Requests {
    private static final Logger LOG = LoggerFactory.getLogger(Requests.class);

    private static final String CALLER = "fedgate.caller";

    private final HubServices hub;
    private final AnonymousRefusals refusals;

    Requests(HubServices hub, AnonymousRefusals refusals) {
        this.hub = hub;
        this.refusals = refusals;
    }

    /**
     * The caller's verified identity (verified once per request; cheap enough for an event loop).
     *
     * @throws ApiException 401 naming why the certificate is refused (counted for the aggregated audit). The
     *                      reason is the verifier's category and the certificate's own facts, never the names of
     *                      the CAs this hub trusts: an anonymous caller learns nothing about them
     */
    SpiffeId caller(RoutingContext ctx) {
        SpiffeId verified = ctx.get(CALLER);
        if (verified != null) {
            return verified;
        }
        SSLSession session = ctx.request().connection().sslSession();
        try {
            if (session == null) {
                throw new UntrustedPeerException(UntrustedPeerException.Reason.NO_CERTIFICATE, "no TLS session");
            }
            SpiffeId caller = hub.ca().ca().identityVerifier().verify(session);
            ctx.put(CALLER, caller);
            return caller;
        } catch (UntrustedPeerException e) {
            String call = ctx.request().method() + " " + ctx.request().path();
            LOG.debug("{} from {} refused: {}", call, ctx.request().remoteAddress(), e.getMessage());
            refusals.count("authn.failed", AnonymousRefusals.source(ctx), "401 " + e.reason());
            throw ApiException.unauthenticated(unauthenticatedMessage(e.reason()));
        }
    }

    /** True when this request's caller was verified (by {@link #caller}). */
    static boolean verified(RoutingContext ctx) {
        return ctx.get(CALLER) != null;
    }

    /** The 401 message for a refused certificate: why, in words that name no trusted CA. */
    static String unauthenticatedMessage(UntrustedPeerException.Reason reason) {
        return "client certificate refused (" + reason + "): " + switch (reason) {
            case NO_CERTIFICATE -> "this call needs a client certificate issued by this hub (join first)";
            case EXPIRED -> "a certificate in the chain is expired; renew it or join again";
            case NOT_YET_VALID -> "a certificate in the chain is not valid yet; check the clocks";
            case UNKNOWN_CA -> "the certificate is signed by a CA this hub does not trust";
            case INVALID_PATH -> "the certificate chain does not validate";
            case NO_SPIFFE_ID, SEVERAL_URI_SANS, MALFORMED_SPIFFE_ID -> "the certificate carries no single fedgate "
                    + "SPIFFE id";
            case WRONG_CLUSTER_SET -> "the certificate's SPIFFE id belongs to another cluster set";
            case WRONG_CLUSTER, WRONG_COMPONENT, NOT_ADMIN -> "the certificate's identity may not make this call";
        };
    }

    /**
     * The caller's identity, when it may do {@code operation} on {@code clusterId}.
     *
     * @throws ApiException 401 without a verified identity, 403 naming who may not do what (also audited)
     */
    SpiffeId authorize(RoutingContext ctx, Operation operation, String clusterId) {
        SpiffeId caller = caller(ctx);
        Decision decision = hub.policy().decide(caller, operation, clusterId);
        if (!decision.allowed()) {
            String call = ctx.request().method() + " " + ctx.request().path();
            LOG.warn("cluster {}: {} refused: {}", clusterId, call, decision.reason());
            hub.audit().append(caller.toString(), "authz.denied", clusterId == null ? "" : clusterId,
                    call + ": " + decision.reason());
            throw ApiException.forbidden(decision.reason());
        }
        return caller;
    }

    /**
     * Refuses writes for a cluster removed by an admin until it joins again.
     *
     * @throws ApiException 403 naming when and by whom it was removed
     */
    void checkNotRemoved(String clusterId) {
        ClusterStatus status = hub.state().clusterStatus().get(clusterId);
        if (status != null && status.removed()) {
            throw ApiException.forbidden("cluster " + clusterId + " was removed at "
                    + Instant.ofEpochMilli(status.removedAtMillis()) + " by " + status.removedBy()
                    + "; it must join again with a new token");
        }
    }

    /** The {@code :id} path parameter, a DNS-1123 label. */
    static String clusterId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String problem = id == null ? "missing" : TextRule.DNS_LABEL.problem(id);
        if (problem != null) {
            throw ApiException.badRequest("cluster id in the path: " + problem);
        }
        return id;
    }

    /** The request body as bytes (read and bounded by {@link BoundedBody}). */
    static byte[] body(RoutingContext ctx) {
        return BoundedBody.of(ctx);
    }

    /** A whole-number query parameter in {@code range}, {@code defaultValue} when absent. */
    static long longParam(RoutingContext ctx, String name, long defaultValue, Range range) {
        String text = ctx.request().getParam(name);
        if (text == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter " + name + ": \"" + text + "\" is not a whole number");
        }
        if (!range.contains(value)) {
            throw ApiException.badRequest("query parameter " + name + ": " + value + " is outside " + range.min()
                    + ".." + range.max());
        }
        return value;
    }

    /** A true/false query parameter. */
    static boolean booleanParam(RoutingContext ctx, String name) {
        String text = ctx.request().getParam(name);
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("query parameter " + name + ": \"" + text + "\" is not true or false");
    }

    /** Decodes with {@code decoder}, turning an invalid document into a 400 listing its problems. */
    static <T> T decode(Supplier<T> decoder) {
        try {
            return decoder.get();
        } catch (InvalidDocumentException e) {
            throw ApiException.invalidDocument(e);
        }
    }

    /** A JSON reply of {@code value}. */
    Reply json(int status, Object value) {
        try {
            return new Reply(status, HubApi.JSON, hub.mapper().writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** A 200 JSON reply of pre-encoded bytes. */
    static Reply rawJson(byte[] json) {
        return new Reply(200, HubApi.JSON, json);
    }
}
