/**
 * The gateway's admin endpoint, plain HTTP/1.1: {@code GET /metrics} (Prometheus text), {@code GET /healthz}
 * (200 while the process runs), {@code GET /readyz} (200 once a plan is applied and every listener is bound,
 * 503 with the reason otherwise, and while draining). Requests are bounded by {@code DEFAULT_MAX_*}.
 */
package io.fedgate.gateway.internal.admin;
