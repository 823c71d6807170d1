package io.fedgate.cli.bench;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fedgate.cli.local.LocalCluster;
import io.fedgate.cli.local.McsView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Watches the imported EndpointSlices (those with the MCS source-cluster label) of several clusters and tells
 * when each cluster first holds a slice matching the current expectation: the end of a convergence
 * measurement. Watch events are timestamped as they arrive, so no polling interval is added to the times.
 */
final class SliceArrivals implements AutoCloseable {
    private final List<SharedIndexInformer<EndpointSlice>> informers = new ArrayList<>();
    private volatile Expectation expectation;

    SliceArrivals(List<LocalCluster> clusters) {
        for (int i = 0; i < clusters.size(); i++) {
            int index = i;
            informers.add(clusters.get(i).client().discovery().v1().endpointSlices().inAnyNamespace()
                    .withLabel(McsView.SOURCE_CLUSTER_LABEL).inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(EndpointSlice slice) {
                            seen(index, slice);
                        }

                        @Override
                        public void onUpdate(EndpointSlice before, EndpointSlice slice) {
                            seen(index, slice);
                        }

                        @Override
                        public void onDelete(EndpointSlice slice, boolean unknown) {
                            // a withdrawn slice ends no measurement
                        }
                    }, 0));
        }
    }

    /** From now on, waits for a slice matching {@code match} in every cluster but {@code except} (-1: none). */
    Expectation expect(Predicate<EndpointSlice> match, int except) {
        Expectation next = new Expectation(match, informers.size(), except);
        expectation = next;
        // a slice that already matches counts at once
        for (int i = 0; i < informers.size(); i++) {
            for (EndpointSlice slice : informers.get(i).getStore().list()) {
                seen(i, slice);
            }
        }
        return next;
    }

    private void seen(int cluster, EndpointSlice slice) {
        Expectation current = expectation;
        if (current != null) {
            current.seen(cluster, slice, System.nanoTime());
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }

    /** One measurement: the first arrival of a matching slice per cluster. */
    static final class Expectation {
        private final Predicate<EndpointSlice> match;
        private final long[] arrivals;
        private final CountDownLatch all;

        private final int except;

        private Expectation(Predicate<EndpointSlice> match, int clusters, int except) {
            this.match = match;
            this.except = except;
            this.arrivals = new long[clusters];
            this.all = new CountDownLatch(except < 0 ? clusters : clusters - 1);
        }

        private synchronized void seen(int cluster, EndpointSlice slice, long now) {
            if (cluster != except && arrivals[cluster] == 0 && match.test(slice)) {
                arrivals[cluster] = now;
                all.countDown();
            }
        }

        /** Waits until every cluster has a match; the {@link System#nanoTime()} of the last, or -1 on timeout. */
        long awaitLast(long timeoutMillis) throws InterruptedException {
            if (!all.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                return -1;
            }
            synchronized (this) {
                long last = 0;
                for (long arrival : arrivals) {
                    last = Math.max(last, arrival);
                }
                return last;
            }
        }
    }
}
