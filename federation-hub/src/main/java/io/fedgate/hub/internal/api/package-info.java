/**
 * The hub's edges: the Vert.x mutual-TLS API ({@link io.fedgate.hub.internal.api.ApiServer}, routes in
 * {@code *Endpoints}), plan watch streams, the management server and metrics. Every refusal is an
 * {@link io.fedgate.hub.internal.api.ApiException} turned into an {@code ApiError} body.
 */
package io.fedgate.hub.internal.api;
