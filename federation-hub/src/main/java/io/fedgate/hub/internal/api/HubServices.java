package io.fedgate.hub.internal.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.hub.HubConfig;
import io.fedgate.hub.internal.access.AccessPolicy;
import io.fedgate.hub.internal.access.JoinTokenStore;
import io.fedgate.hub.internal.audit.AuditLog;
import io.fedgate.hub.internal.ca.HubCa;
import io.fedgate.hub.internal.replan.PlanFeed;
import io.fedgate.hub.internal.replan.Replanner;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hub.internal.state.InventoryStore;
import java.time.Clock;

/** What the API's endpoints work with: one member's state, stores and services. */
public record HubServices(HubConfig config, HubState state, InventoryStore inventories, JoinTokenStore tokens,
                          AuditLog audit, HubCa ca, AccessPolicy policy, PlanFeed feed, Replanner replanner,
                          HubMetrics metrics, Clock clock, ObjectMapper mapper) {
}
