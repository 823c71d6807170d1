package io.fedgate.hub.internal.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedgate.hub.HubConfig;
import io.fedgate.hub.internal.access.AccessPolicy;
import io.fedgate.hub.internal.access.JoinTokenStore;
import io.fedgate.hub.internal.audit.AuditLog;
import io.fedgate.hub.internal.audit.RefusalTally;
import io.fedgate.hub.internal.ca.HubCa;
import io.fedgate.hub.internal.replan.PlanFeed;
import io.fedgate.hub.internal.replan.Replanner;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hub.internal.state.InventoryStore;
import java.time.Clock;

/**
 * What the API's endpoints work with: one member's state, stores and services.
 *
 * @param refusals where refusals of anonymous callers are counted, audited in aggregate
 */
public record HubServices(HubConfig config, HubState state, InventoryStore inventories, JoinTokenStore tokens,
                          AuditLog audit, RefusalTally refusals, HubCa ca, AccessPolicy policy, PlanFeed feed,
                          Replanner replanner, HubMetrics metrics, Clock clock, ObjectMapper mapper) {
}
