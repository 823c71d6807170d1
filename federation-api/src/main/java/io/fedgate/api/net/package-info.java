/** Address values. Pure, no I/O: {@link io.fedgate.api.net.Cidr} parses without DNS lookups. */
package io.fedgate.api.net;
