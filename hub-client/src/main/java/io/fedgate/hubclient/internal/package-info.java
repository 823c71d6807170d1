/**
 * Plumbing of {@link io.fedgate.hubclient.HubClient}: the failover transport, the watch loop and bounded
 * line reading. No promises to other modules; use {@code io.fedgate.hubclient}.
 */
package io.fedgate.hubclient.internal;
