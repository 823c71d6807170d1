/**
 * Moving bytes of one flow between two channels (a client or backend TCP connection, a tunnel stream) with
 * backpressure: a side reads only while the other side can take writes, so buffering per flow is bounded by
 * the socket buffers and the HTTP/2 stream window. Half-closes travel across (TCP FIN as END_STREAM and
 * back); a close or reset of one side closes the other after what was written is flushed.
 */
package io.fedgate.gateway.internal.relay;
