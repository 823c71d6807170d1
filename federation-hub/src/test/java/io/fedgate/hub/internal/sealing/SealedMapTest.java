package io.fedgate.hub.internal.sealing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.fedgate.hub.internal.state.HubState;
import io.fedgate.hub.internal.state.PersistedMap;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SealedMap}'s replay check on a forward-only map ({@code plan-versions}' rule), against a real
 * Hazelcast member on loopback. Where a test needs a read and a write of this member to interleave in one
 * order, the read's fetch from Hazelcast is followed by the write before the value is opened (the map is the
 * member's own, only the order is forced).
 */
class SealedMapTest {
    private static HazelcastInstance member;

    private final IntegrityMonitor monitor = new IntegrityMonitor(System::currentTimeMillis);
    private final Sealing sealing = new Sealing(new StateSealer(SealingKeys.parse(
            SealingKeys.newKeyLine("k1", new SecureRandom()).getBytes(UTF_8), "keys")), monitor);
    /** Run once right after the next fetch named by {@link #afterFetch}, before the fetched value is opened. */
    private final AtomicReference<Runnable> interleaved = new AtomicReference<>();
    private String afterFetch = "";
    private IMap<String, Object> raw;
    private SealedMap<String, Long> versions;

    @BeforeAll
    static void startMember() {
        Config config = new Config().setClusterName("sealed-map-test-" + UUID.randomUUID());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        HubState.configure(config, 8);
        member = Hazelcast.newHazelcastInstance(config);
    }

    @AfterAll
    static void stopMember() {
        member.shutdown();
    }

    @BeforeEach
    void openVersions() {
        raw = member.getMap(HubState.PLAN_VERSIONS);
        versions = new SealedMap<>(interleaving(raw), Long.class, sealing, PersistedMap.PLAN_VERSIONS::behind);
    }

    @AfterEach
    void clear() {
        versions.close();
        raw.clear();
    }

    @Test
    void readFetchedJustBeforeThisMembersNewerWriteIsNoReplay() {
        versions.set("east", 4L);
        interleave("get", () -> versions.set("east", 5L));

        Long read = versions.get("east");

        assertThat(read).isEqualTo(5L);
        assertThat(monitor.count(HubState.PLAN_VERSIONS)).isZero();
    }

    @Test
    void wholeMapReadOverlappingAnAnnouncementOfEveryClusterIsNoReplay() {
        versions.setAllAsync(Map.of("east", 4L, "west", 7L, "north", 1L)).join();
        // what a state file write does while the planner announces the next version of every cluster
        interleave("entrySet", () -> versions.setAllAsync(Map.of("east", 5L, "west", 8L, "north", 2L)).join());

        Map<String, Long> read = versions.toMap();

        assertThat(read).containsOnly(Map.entry("east", 5L), Map.entry("west", 8L), Map.entry("north", 2L));
        assertThat(monitor.count(HubState.PLAN_VERSIONS)).isZero();
    }

    @Test
    void olderGenuineEnvelopePutBackAfterANewerOneIsRefusedAsRolledBack() {
        versions.set("east", 4L);
        Object older = raw.get("east");
        versions.set("east", 5L);
        raw.set("east", older);

        assertThat(versions.get("east")).isEqualTo(5L);
        assertThat(monitor.count(HubState.PLAN_VERSIONS)).isEqualTo(1);
        assertThat(versions.toMap()).containsOnly(Map.entry("east", 5L));
        assertThat(versions.getHeld("east").value()).isEqualTo(5L);
        assertThat(monitor.count(HubState.PLAN_VERSIONS)).isEqualTo(3);
    }

    @Test
    void olderEnvelopePutBackWhileAReadIsUnderWayIsRefusedByTheNextRead() {
        versions.set("east", 4L);
        Object older = raw.get("east");
        versions.set("east", 5L);
        interleave("get", () -> raw.set("east", older));

        assertThat(versions.get("east")).isEqualTo(5L);
        assertThat(monitor.count(HubState.PLAN_VERSIONS)).isZero();
        assertThat(versions.get("east")).isEqualTo(5L);
        assertThat(monitor.count(HubState.PLAN_VERSIONS)).isEqualTo(1);
    }

    private void interleave(String fetch, Runnable write) {
        afterFetch = fetch;
        interleaved.set(write);
    }

    @SuppressWarnings("unchecked")
    private IMap<String, Object> interleaving(IMap<String, Object> map) {
        return (IMap<String, Object>) Proxy.newProxyInstance(IMap.class.getClassLoader(), new Class<?>[] {IMap.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(map, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals(afterFetch)) {
                        Runnable write = interleaved.getAndSet(null);
                        if (write != null) {
                            write.run();
                        }
                    }
                    return result;
                });
    }
}
