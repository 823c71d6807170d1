package io.fedgate.gateway.internal.tunnel;

import io.fedgate.gateway.internal.routing.ExportTable;

/** A CONNECT request for a target this gateway serves, with the plan's view of it. */
public record AuthorizedConnect(ConnectRequest request, ExportTable.Served served, long planVersion) {
}
