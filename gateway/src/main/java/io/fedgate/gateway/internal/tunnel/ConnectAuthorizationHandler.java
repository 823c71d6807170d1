package io.fedgate.gateway.internal.tunnel;

import io.fedgate.gateway.internal.routing.ExportTable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorizes a {@link ConnectRequest} against the current plan: the target must be an import this gateway's
 * cluster serves, on one of its ports, with a ready endpoint here (the named one, for a per-pod flow). Refusals
 * are answered ({@code 404} for a target not in the plan, {@code 503} for no ready endpoint), logged with the
 * plan version and counted; an accepted
 * request goes on as an {@link AuthorizedConnect} and this handler leaves the pipeline.
 */
public final class ConnectAuthorizationHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectAuthorizationHandler.class);
    private final Supplier<ExportTable> exports;
    private final Consumer<ExportTable.Reason> refused;
    private final Object logContext;

    /**
     * @param refused    told the reason of every refusal (to count it)
     * @param logContext correlation for log lines: its {@code toString()} is taken when a line is written
     */
    public ConnectAuthorizationHandler(Supplier<ExportTable> exports, Consumer<ExportTable.Reason> refused,
                                       Object logContext) {
        this.exports = Objects.requireNonNull(exports, "exports");
        this.refused = Objects.requireNonNull(refused, "refused");
        this.logContext = logContext;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ConnectRequest)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ConnectRequest request = (ConnectRequest) msg;
        ExportTable table = exports.get();
        ExportTable.Lookup lookup = table.lookup(request.target().service(), request.target().port(),
                request.target().endpoint());
        if (lookup instanceof ExportTable.Refused) {
            ExportTable.Refused refused = (ExportTable.Refused) lookup;
            int status = refused.reason() == ExportTable.Reason.NO_READY_ENDPOINTS ? 503 : 404;
            this.refused.accept(refused.reason());
            LOG.warn("{} import={} planVersion={} stream refused ({}): {}", logContext, request.target(),
                    table.planVersion(), status, refused.message());
            StreamResponses.refuse(ctx, status);
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(new AuthorizedConnect(request, (ExportTable.Served) lookup, table.planVersion()));
    }
}
