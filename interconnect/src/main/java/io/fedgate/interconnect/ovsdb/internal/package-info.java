/**
 * The OVSDB client's machinery, no API promise: Netty handlers with one concern each (framing, JSON-RPC
 * codec, echo replies, keepalive, request/reply correlation, notification dispatch, error handling), the
 * connection lifecycle with reconnect and leader search, the replica that applies {@code update2}, and the
 * JSON value codec. Pipeline, head to tail:
 * {@code [SslHandler] IdleStateHandler JsonStreamFrameDecoder JsonRpcCodec EchoResponderHandler
 * KeepaliveHandler RpcCorrelationHandler NotificationDispatchHandler ConnectionErrorHandler}.
 */
package io.fedgate.interconnect.ovsdb.internal;
