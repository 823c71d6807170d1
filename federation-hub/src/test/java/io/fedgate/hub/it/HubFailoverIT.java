package io.fedgate.hub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fedgate.api.model.ClusterInventory;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.api.model.ServiceKey;
import io.fedgate.hubclient.HubClient;
import io.fedgate.hubclient.HubClientException;
import io.fedgate.hubclient.protocol.ClusterSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a hub member (the oldest: the planning leader, and the member every client talks to first)
 * while agents keep writing and watching.
 */
class HubFailoverIT {
    private static final List<String> CLUSTERS = List.of("alpha", "beta", "gamma");

    @TempDir
    Path certs;

    @Test
    void killedMemberLosesNoInventoryAndEveryWatcherResumesWithoutMissingAVersion() throws Exception {
        try (HubMembers hub = HubMembers.start("HubFailoverIT", 3, 1024, true); HubClient admin = hub.adminClient()) {
            List<SimulatedAgent> agents = new ArrayList<>();
            for (String id : CLUSTERS) {
                SimulatedAgent agent = SimulatedAgent.join(hub.apiUrls(), admin, id, certs.resolve(id));
                agent.put(AbstractHubIT.inventory(id, 1, "svc/" + id + "-0"));
                agent.watch();
                agents.add(agent);
            }
            agents.forEach(a -> a.plans().await(a.clusterId() + " sees every cluster",
                    p -> p.imports().size() == CLUSTERS.size()));
            Map<String, Long> acked = new ConcurrentHashMap<>();
            AtomicInteger writesAfterKill = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Thread> writers = agents.stream().map(agent -> writer(agent, acked, writing, killed, writesAfterKill))
                    .toList();
            writers.forEach(Thread::start);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> acked.values().stream()
                    .allMatch(generation -> generation >= 4));

            hub.kill(0);
            killed.set(true);
            Awaitility.await("writes after the kill").atMost(Duration.ofSeconds(90))
                    .until(() -> writesAfterKill.get() >= 30);
            writing.set(false);
            for (Thread writer : writers) {
                writer.join(60_000);
            }

            for (SimulatedAgent agent : agents) {
                ClusterInventory last = agent.inventory();
                assertThat(admin.clusters()).filteredOn(c -> c.clusterId().equals(agent.clusterId()))
                        .extracting(ClusterSummary::generation).as("acknowledged inventory of %s", agent.clusterId())
                        .containsExactly(acked.get(agent.clusterId()));
                assertThat(last.generation()).isEqualTo(acked.get(agent.clusterId()));
            }
            Set<ServiceKey> finalServices = agents.stream().flatMap(a -> a.inventory().exports().stream())
                    .map(e -> e.service()).collect(Collectors.toSet());
            for (SimulatedAgent agent : agents) {
                ClusterPlan plan = agent.plans().await(agent.clusterId() + " sees the final inventories",
                        p -> importedServices(p).equals(finalServices));
                List<RecordingPlanListener.Delivery> deliveries = agent.plans().deliveries();
                assertThat(deliveries.get(0).resync()).isTrue();
                // README, known limits: a new planning leader whose predecessor died mid-store resyncs each watcher
                // once (the resync still carries the next version: none is missed, as checked below)
                assertThat(deliveries.subList(1, deliveries.size())).as("at most the kill's one resync after the first plan")
                        .filteredOn(RecordingPlanListener.Delivery::resync).hasSizeLessThanOrEqualTo(1);
                for (int i = 1; i < deliveries.size(); i++) {
                    assertThat(deliveries.get(i).version()).as("%s version after %s", agent.clusterId(),
                            deliveries.get(i - 1).version()).isEqualTo(deliveries.get(i - 1).version() + 1);
                }
                assertThat(plan.version()).isEqualTo(admin.plan(agent.clusterId()).orElseThrow().version());
                assertThat(agent.plans().connections()).as("resumed on a surviving member")
                        .contains(hub.member(0).apiUrl()).anyMatch(uri -> !uri.equals(hub.member(0).apiUrl()));
            }
            agents.forEach(SimulatedAgent::close);
        }
    }

    /** Adds and removes a service of the agent's cluster, one write at a time, remembering acknowledged generations. */
    private static Thread writer(SimulatedAgent agent, Map<String, Long> acked, AtomicBoolean writing,
                                 AtomicBoolean killed, AtomicInteger writesAfterKill) {
        return new Thread(() -> {
            int step = 0;
            boolean lastAcknowledged = true;
            // stop only after an acknowledged write, so the hub's generation is one the agent knows
            while (writing.get() || !lastAcknowledged) {
                int services = 1 + (step++ % 3);
                try {
                    List<String> names = new ArrayList<>();
                    for (int s = 0; s < services; s++) {
                        names.add("svc/" + agent.clusterId() + "-" + s);
                    }
                    long generation = agent.change(i -> AbstractHubIT.inventory(agent.clusterId(), 0,
                            names.toArray(new String[0]))).generation();
                    acked.put(agent.clusterId(), generation);
                    lastAcknowledged = true;
                    if (killed.get()) {
                        writesAfterKill.incrementAndGet();
                    }
                } catch (HubClientException e) {
                    // not acknowledged (a member died mid-call): the agent tries its next change
                    lastAcknowledged = false;
                }
                HubMembers.sleep(150);
            }
        }, "writer-" + agent.clusterId());
    }

    private static Set<ServiceKey> importedServices(ClusterPlan plan) {
        Set<ServiceKey> services = new HashSet<>();
        plan.imports().forEach(i -> services.add(i.service()));
        return services;
    }
}
