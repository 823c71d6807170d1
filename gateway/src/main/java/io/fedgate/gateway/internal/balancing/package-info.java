/**
 * Global load balancing, pure: which serving cluster and which endpoint or peer gateway takes a new
 * connection, and in which order the next choices are tried when one fails.
 *
 * <p>Promises: no Netty, no I/O, no hidden time. Time comes from an injected {@link
 * io.fedgate.gateway.internal.balancing.Ticker}, randomness from an injected {@link
 * java.util.random.RandomGenerator}, so every policy (local first, weighted, priority failover, least
 * latency), passive outlier detection and the hold-down hysteresis are unit-tested without sleeping.
 * Classes here are thread-safe: gateways call them from every event loop.
 */
package io.fedgate.gateway.internal.balancing;
