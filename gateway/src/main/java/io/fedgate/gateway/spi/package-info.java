/**
 * Extension points of the gateway. {@link io.fedgate.gateway.spi.PlanSource} delivers the cluster's plan
 * (from a file today, from the hub's watch stream when the hub client is wired in) to a {@link
 * io.fedgate.gateway.spi.PlanListener}; the gateway reacts to every update at run time.
 */
package io.fedgate.gateway.spi;
