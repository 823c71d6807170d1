/** The cluster set's CA as the hub members share it, and the certificates they issue from it. */
package io.fedgate.hub.internal.ca;
