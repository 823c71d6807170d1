package io.fedgate.gateway.internal.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers one admin request: {@code /metrics}, {@code /healthz}, {@code /readyz}; 404 for anything else. */
final class AdminRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRequestHandler.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final AdminEndpoints endpoints;

    AdminRequestHandler(AdminEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "text/plain", "malformed request\n");
            return;
        }
        if (request.method() != HttpMethod.GET) {
            respond(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "only GET\n");
            return;
        }
        String path = request.uri();
        int query = path.indexOf('?');
        path = query >= 0 ? path.substring(0, query) : path;
        switch (path) {
            case "/metrics" -> respond(ctx, HttpResponseStatus.OK, PROMETHEUS_TEXT, endpoints.metrics().get());
            case "/healthz" -> respond(ctx, HttpResponseStatus.OK, "text/plain", "ok\n");
            case "/readyz" -> {
                String notReady = endpoints.notReady().get();
                if (notReady == null) {
                    respond(ctx, HttpResponseStatus.OK, "text/plain", "ready\n");
                } else {
                    respond(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain", notReady + "\n");
                }
            }
            default -> respond(ctx, HttpResponseStatus.NOT_FOUND, "text/plain", "not found: " + path + "\n");
        }
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String type, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("admin request from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
