/**
 * Implementation details of {@link io.fedgate.api.pki}: name checks and X.509 building blocks. Public only
 * so the PKI package can share them; no other module should depend on anything here.
 */
package io.fedgate.api.pki.internal;
