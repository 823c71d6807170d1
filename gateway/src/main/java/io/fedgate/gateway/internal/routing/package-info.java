/**
 * What a plan means for one gateway, pure and immutable per plan version: which imports it listens for and
 * how each serving cluster is reached ({@link io.fedgate.gateway.internal.routing.ImportTable}), which
 * targets it serves to peer gateways ({@link io.fedgate.gateway.internal.routing.ExportTable}), and which
 * listeners change between two plans ({@link io.fedgate.gateway.internal.routing.ListenerDiff}).
 * No Netty, no I/O.
 */
package io.fedgate.gateway.internal.routing;
