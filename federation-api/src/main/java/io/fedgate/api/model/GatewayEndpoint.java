package io.fedgate.api.model;

/** A fedgate gateway replica's tunnel listener: where peer gateways dial it. */
public record GatewayEndpoint(String name, String host, int port) {
}
