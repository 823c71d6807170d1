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
 * attempt failed. The success is reported too (failover metrics, end of a failure streak). A per-pod flow's
 * refusal answered by the serving gateway (that pod is not in its plan, or not ready) is no strike against the
 * tunnel: it says nothing about the flows of other pods and services the tunnel carries.
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
        return run(balancer, route, dial, executor, false);
    }

    /**
     * As {@link #run(GlobalBalancer, Route, Function, EventExecutor)}; with {@code perPod}, refusals the serving
     * gateway answered are not reported to the balancer as failures of their target.
     */
    public static <T extends BalancingTarget> Future<Opened<T>> run(GlobalBalancer balancer, Route<T> route,
                                                                    Function<Attempt<T>, Future<? extends Channel>> dial,
                                                                    EventExecutor executor, boolean perPod) {
        Promise<Opened<T>> result = executor.newPromise();
        if (route.attempts().isEmpty()) {
            result.setFailure(new FlowOpenException(route.service() + ": no serving cluster can take the flow"));
            return result;
        }
        next(balancer, route, dial, perPod, 0, new StringBuilder(), result);
        return result;
    }

    private static <T extends BalancingTarget> void next(GlobalBalancer balancer, Route<T> route,
                                                         Function<Attempt<T>, Future<? extends Channel>> dial,
                                                         boolean perPod, int index, StringBuilder failures,
                                                         Promise<Opened<T>> result) {
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
            if (!(perPod && f.cause() instanceof FlowOpenException e && e.wasAnswered())) {
                balancer.failed(route, attempt);
            }
            failures.append(failures.length() == 0 ? "" : "; ").append(f.cause().getMessage());
            if (index + 1 < route.attempts().size()) {
                next(balancer, route, dial, perPod, index + 1, failures, result);
            } else {
                result.tryFailure(new FlowOpenException(route.service() + ": " + route.attempts().size()
                        + " attempt(s) failed: " + failures));
            }
        });
    }
}
