package io.fedgate.hub.internal.api;

import io.fedgate.api.pki.ClusterIdentity;
import io.fedgate.api.pki.PemFiles;
import io.fedgate.api.pki.PkiException;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.hub.internal.access.Operation;
import io.fedgate.hub.internal.access.Redemption;
import io.fedgate.hub.internal.state.ClusterStatus;
import io.fedgate.hubclient.protocol.HubDocuments;
import io.fedgate.hubclient.protocol.JoinRequest;
import io.fedgate.hubclient.protocol.JoinResponse;
import io.fedgate.hubclient.protocol.RenewRequest;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.X509Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/join} and {@code POST /v1/certificates/renew}.
 *
 * <p>Join, in an order that issues nothing on any failure and burns a token only for a certificate handed
 * out: the token names the identity (unknown token: 401); the CSR is checked and signed for that identity
 * (bad CSR: 400, the token stays usable); the token is then redeemed atomically (expired: 401, used: 403,
 * and the signed certificate is dropped); the cluster is marked joined (lifting an admin's removal).
 */
final class JoinEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(JoinEndpoints.class);

    private final HubServices hub;
    private final Requests requests;
    private final AnonymousRefusals refusals;

    JoinEndpoints(HubServices hub, Requests requests, AnonymousRefusals refusals) {
        this.hub = hub;
        this.requests = requests;
        this.refusals = refusals;
    }

    Reply join(RoutingContext ctx) {
        JoinRequest request = Requests.decode(() -> HubDocuments.joinRequest().decode(Requests.body(ctx)));
        ClusterIdentity identity = hub.tokens().peek(request.token());
        if (identity == null) {
            refuse(ctx, "401 unknown token", "unknown join token");
            throw ApiException.unauthenticated("unknown join token");
        }
        X509Certificate certificate = sign(request.csr(), identity);
        Redemption redemption = hub.tokens().redeem(request.token());
        switch (redemption.outcome()) {
            case ACCEPTED:
                break;
            case ALREADY_USED:
                refuse(ctx, "403 used token", redemption.reason());
                throw ApiException.forbidden(redemption.reason());
            default:
                refuse(ctx, "401 " + redemption.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + " token", redemption.reason());
                throw ApiException.unauthenticated(redemption.reason());
        }
        long now = hub.clock().millis();
        hub.state().clusterStatus().merge(identity.clusterId(), new ClusterStatus(0, null, now),
                (held, joined) -> held.merge(joined));
        LOG.info("cluster {}: {} joined from {} (certificate serial {})", identity.clusterId(), identity,
                ctx.request().remoteAddress(), certificate.getSerialNumber().toString(16));
        hub.audit().append(identity.toString(), "join", identity.clusterId(), "joined with a token from "
                + ctx.request().remoteAddress() + "; certificate serial " + certificate.getSerialNumber().toString(16)
                + ", expires " + certificate.getNotAfter().toInstant());
        return response(identity, certificate);
    }

    Reply renew(RoutingContext ctx) {
        SpiffeId caller = requests.authorize(ctx, Operation.RENEW_CERTIFICATE, null);
        RenewRequest request = Requests.decode(() -> HubDocuments.renewRequest().decode(Requests.body(ctx)));
        X509Certificate certificate = sign(request.csr(), caller);
        hub.audit().append(caller.toString(), "certificate.renew", subjectOf(caller), "certificate serial "
                + certificate.getSerialNumber().toString(16) + ", expires " + certificate.getNotAfter().toInstant());
        return response(caller, certificate);
    }

    private X509Certificate sign(String csr, SpiffeId identity) {
        try {
            return hub.ca().ca().sign(csr, identity, hub.config().certificateValidity());
        } catch (PkiException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private Reply response(SpiffeId identity, X509Certificate certificate) {
        return requests.json(200, new JoinResponse(identity.toString(), PemFiles.toPem(certificate),
                hub.ca().ca().certificatePem()));
    }

    /** Counts the refusal for the aggregated audit ({@code category}: a fixed set) and logs it at debug level. */
    private void refuse(RoutingContext ctx, String category, String reason) {
        LOG.debug("join from {} refused: {}", ctx.request().remoteAddress(), reason);
        refusals.count("join.refused", AnonymousRefusals.source(ctx), category);
    }

    private static String subjectOf(SpiffeId identity) {
        return identity instanceof ClusterIdentity member ? member.clusterId() : "";
    }
}
