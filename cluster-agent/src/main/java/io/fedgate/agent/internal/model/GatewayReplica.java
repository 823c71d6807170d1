package io.fedgate.agent.internal.model;

/**
 * One fedgate gateway replica of this cluster, from the endpoints of the gateway Service
 * ({@code --gateway-service}).
 *
 * @param name       the pod's name when the slice names it, else its address
 * @param tunnelPort the port the replica accepts tunnels on (the slice's port)
 */
public record GatewayReplica(String name, String address, boolean ready, String nodeName, int tunnelPort) {
}
