/**
 * The hub's client: {@link io.fedgate.hubclient.HubClient}, used by agents, gateways, {@code fedgate ctl}
 * and the benchmark. It depends on federation-api only and uses the JDK's {@code HttpClient} (HTTP/2, TLS
 * 1.3, mutual TLS from a {@link io.fedgate.api.pki.TlsMaterial}), so components that talk to the hub carry
 * neither Vert.x nor Hazelcast.
 *
 * <p>Failures are {@link io.fedgate.hubclient.HubClientException}s:
 * {@link io.fedgate.hubclient.HubUnavailableException} (no member answered),
 * {@link io.fedgate.hubclient.HubRequestException} (a member refused, with the hub's
 * {@link io.fedgate.hubclient.protocol.ApiError}) and its
 * {@link io.fedgate.hubclient.GenerationConflictException} (inventory 409: resend a snapshot).
 * Plans arrive through {@link io.fedgate.hubclient.PlanListener}s of a
 * {@link io.fedgate.hubclient.PlanWatch}. The wire contract lives in {@code io.fedgate.hubclient.protocol};
 * plumbing in {@code io.fedgate.hubclient.internal}.
 */
package io.fedgate.hubclient;
