package io.fedgate.hub.internal.api;

import io.fedgate.api.codec.Range;
import io.fedgate.api.pki.Component;
import io.fedgate.api.pki.SpiffeId;
import io.fedgate.hub.internal.access.JoinTokenStore;
import io.fedgate.hub.internal.access.Operation;
import io.fedgate.hub.internal.state.ClusterStatus;
import io.fedgate.hubclient.protocol.CaInfo;
import io.fedgate.hubclient.protocol.HubApi;
import io.fedgate.hubclient.protocol.HubDocuments;
import io.fedgate.hubclient.protocol.JoinToken;
import io.fedgate.hubclient.protocol.TokenRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Admin-only calls: join tokens, removing a cluster, the audit log, the CA. */
final class AdminEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoints.class);
    private static final Range AUDIT_FROM = new Range(null, 1, Long.MAX_VALUE);
    private static final Range AUDIT_LIMIT = new Range(null, 1, HubApi.MAX_AUDIT_PAGE);

    private final HubServices hub;
    private final Requests requests;

    AdminEndpoints(HubServices hub, Requests requests) {
        this.hub = hub;
        this.requests = requests;
    }

    Reply createToken(RoutingContext ctx) {
        SpiffeId admin = requests.authorize(ctx, Operation.ADMINISTER, null);
        TokenRequest request = Requests.decode(() -> HubDocuments.tokenRequest().decode(Requests.body(ctx)));
        Duration ttl = request.ttlSeconds() == null ? hub.config().joinTokenTtl()
                : Duration.ofSeconds(request.ttlSeconds());
        Component component = Component.parse(request.component());
        JoinTokenStore.Created created = hub.tokens().create(request.clusterId(), component, ttl, admin.toString());
        Instant expires = Instant.ofEpochMilli(created.record().expiresAtMillis());
        LOG.info("cluster {}: join token for its {} created by {}, expires {}", request.clusterId(), component, admin,
                expires);
        hub.audit().append(admin.toString(), "token.create", request.clusterId(), "join token for "
                + SpiffeId.cluster(hub.config().clusterSet(), request.clusterId(), component) + ", expires " + expires
                + ", stored under key prefix " + created.key().substring(0, 12));
        return requests.json(200, new JoinToken(created.token(), request.clusterId(), component.id(), expires));
    }

    Reply removeCluster(RoutingContext ctx) {
        String clusterId = Requests.clusterId(ctx);
        SpiffeId admin = requests.authorize(ctx, Operation.ADMINISTER, clusterId);
        boolean known = hub.state().inventories().containsKey(clusterId) || hub.state().leases().containsKey(clusterId)
                || hub.state().newestPlan(clusterId) != null;
        if (!known) {
            throw ApiException.notFound("the hub knows no cluster " + clusterId);
        }
        long now = hub.clock().millis();
        hub.state().clusterStatus().merge(clusterId, new ClusterStatus(now, admin.toString(), 0),
                (held, removal) -> held.merge(removal));
        hub.inventories().remove(clusterId);
        hub.state().history(clusterId).destroy();
        hub.feed().forget(clusterId);
        hub.replanner().forget(clusterId);
        LOG.info("cluster {}: removed by {}", clusterId, admin);
        hub.audit().append(admin.toString(), "cluster.remove", clusterId, "inventory, lease and plan forgotten; "
                + "writes refused until the cluster joins again");
        return requests.json(200, Map.of("clusterId", clusterId, "removedAt", Instant.ofEpochMilli(now).toString()));
    }

    Reply audit(RoutingContext ctx) {
        requests.authorize(ctx, Operation.ADMINISTER, null);
        long from = Requests.longParam(ctx, "from", 1, AUDIT_FROM);
        int limit = (int) Requests.longParam(ctx, "limit", 100, AUDIT_LIMIT);
        return requests.json(200, hub.audit().page(from, limit));
    }

    Reply ca(RoutingContext ctx) {
        requests.authorize(ctx, Operation.ADMINISTER, null);
        var ca = hub.ca().ca();
        return requests.json(200, new CaInfo(ca.clusterSet(), ca.certificatePem(), ca.fingerprintSha256(),
                ca.certificate().getNotAfter().toInstant()));
    }
}
