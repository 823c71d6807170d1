package io.fedgate.gateway.internal.relay;

import io.fedgate.gateway.internal.balancing.Attempt;
import io.fedgate.gateway.internal.balancing.BalancingTarget;
import io.fedgate.gateway.internal.balancing.GlobalBalancer;
import io.fedgate.gateway.internal.balancing.Route;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.function.Function;

/**
 * Runs the attempts of a {@link Route} one after the other until one opens: each failure is reported to the
 * balancer (outlier detection) and the next choice is tried, so the client sees an error only when every
 * attempt failed. The success is reported too (failover metrics, end of a failure streak).
 */
public final class AttemptChain {
    private AttemptChain() {
    }

    /** The opened channel and the attempt that opened it. */
    public record Opened<T extends BalancingTarget>(Attempt<T> attempt, Channel channel) {
    }

    /**
     * Tries {@code route}'s attempts with {@code dial}; completes with the first that opens or fails with a
     * {@link FlowOpenException} listing why each attempt failed.
     */
    public static <T extends BalancingTarget> Future<Opened<T>> run(GlobalBalancer balancer, Route<T> route,
                                                                    Function<Attempt<T>, Future<? extends Channel>> dial,
                                                                    EventExecutor executor) {
        Promise<Opened<T>> result = executor.newPromise();
        if (route.attempts().isEmpty()) {
            result.setFailure(new FlowOpenException(route.service() + ": no serving cluster can take the flow"));
            return result;
        }
        next(balancer, route, dial, 0, new StringBuilder(), result);
        return result;
    }

    private static <T extends BalancingTarget> void next(GlobalBalancer balancer, Route<T> route,
                                                         Function<Attempt<T>, Future<? extends Channel>> dial, int index,
                                                         StringBuilder failures, Promise<Opened<T>> result) {
        Attempt<T> attempt = route.attempts().get(index);
        dial.apply(attempt).addListener(f -> {
            if (f.isSuccess()) {
                Channel ch = (Channel) f.getNow();
                balancer.succeeded(route, attempt);
                if (!result.trySuccess(new Opened<>(attempt, ch))) {
                    ch.close();
                }
                return;
            }
            balancer.failed(route, attempt);
            failures.append(failures.length() == 0 ? "" : "; ").append(f.cause().getMessage());
            if (index + 1 < route.attempts().size()) {
                next(balancer, route, dial, index + 1, failures, result);
            } else {
                result.tryFailure(new FlowOpenException(route.service() + ": " + route.attempts().size()
                        + " attempt(s) failed: " + failures));
            }
        });
    }
}
