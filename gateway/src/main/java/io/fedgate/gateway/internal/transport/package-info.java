/**
 * Netty transport selection: native epoll when the platform offers it, NIO otherwise. Promises one event
 * loop group per gateway and channel classes that match it.
 */
package io.fedgate.gateway.internal.transport;
