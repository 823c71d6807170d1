package io.fedgate.hub.internal.replan;

import io.fedgate.api.codec.DocumentCodec;
import io.fedgate.api.codec.FederationCodecs;
import io.fedgate.api.model.ClusterPlan;
import io.fedgate.hub.internal.state.StoredPlan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Decides which plans get a new version: a plan whose content (everything but the version) equals the one
 * held keeps its version; any other gets the held version plus one (1 for a cluster never planned). A pure
 * function of its input, apart from the encoding it returns.
 *
 * <p>Content is compared as objects when the previous plan is still in memory (the leader's steady state,
 * no encoding at all for unchanged plans), else by the SHA-256 of the encoding at version 0 (after a leader
 * change, when only the stored digest is known). A changed plan is encoded once: its version-0 encoding
 * gives the digest, and the stored document is that encoding with the version written in.
 */
public final class PlanStamper {
    private final DocumentCodec<ClusterPlan> codec = FederationCodecs.clusterPlan();

    /**
     * What the hub holds for a cluster.
     *
     * @param digest  SHA-256 of the content, null when unknown (only the version survived a total restart)
     * @param content the plan at version 0, null when not in memory
     */
    public record Held(long version, String digest, ClusterPlan content) {
    }

    /** A new version of one cluster's plan, to store. */
    public record Stamp(String clusterId, StoredPlan stored) {
    }

    /**
     * @param stamps the plans that changed, with their new versions, in cluster order
     * @param held   what is held after storing them, for every cluster planned
     */
    public record Result(List<Stamp> stamps, Map<String, Held> held) {
    }

    /**
     * Stamps {@code plans} (as the planner returns them, at version 0) against {@code held}.
     */
    public Result stamp(List<ClusterPlan> plans, Map<String, Held> held) {
        List<ClusterPlan> candidates = new ArrayList<>();
        for (ClusterPlan plan : plans) {
            ClusterPlan content = plan.version() == 0 ? plan : plan.withVersion(0);
            Held previous = held.get(plan.clusterId());
            if (previous == null || !content.equals(previous.content())) {
                candidates.add(content);
            }
        }
        // encoding dominates when many plans change at once (one export change touches every plan): use the cores
        List<Encoded> encoded = candidates.parallelStream().map(Encoded::of).toList();
        List<Stamp> stamps = new ArrayList<>();
        Map<String, Held> next = new HashMap<>(held);
        for (Encoded candidate : encoded) {
            String id = candidate.content().clusterId();
            Held previous = held.get(id);
            if (previous != null && candidate.digest().equals(previous.digest())) {
                next.put(id, new Held(previous.version(), candidate.digest(), candidate.content()));
                continue;
            }
            long version = (previous == null ? 0 : previous.version()) + 1;
            byte[] json = PlanBytes.atVersion(candidate.atZero(), id, version);
            if (json == null) {
                json = codec.encode(candidate.content().withVersion(version));
            }
            stamps.add(new Stamp(id, new StoredPlan(version, candidate.digest(), json)));
            next.put(id, new Held(version, candidate.digest(), candidate.content()));
        }
        return new Result(stamps, next);
    }

    /** A plan at version 0 with its encoding and digest. */
    private record Encoded(ClusterPlan content, byte[] atZero, String digest) {
        private static final DocumentCodec<ClusterPlan> CODEC = FederationCodecs.clusterPlan();

        static Encoded of(ClusterPlan content) {
            byte[] atZero = CODEC.encode(content);
            return new Encoded(content, atZero, sha256(atZero));
        }
    }

    /** SHA-256 of {@code bytes}, lowercase hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** Writing a version into a plan's version-0 encoding without encoding it again. */
    static final class PlanBytes {
        private PlanBytes() {
        }

        /**
         * {@code atZero} with {@code "version":0} replaced by the given version, when the encoding starts
         * {@code {"clusterId":"<id>","version":0,} as the codec writes it; null otherwise.
         */
        static byte[] atVersion(byte[] atZero, String clusterId, long version) {
            if (!clusterId.chars().allMatch(c -> c == '-' || c == '.' || Character.isLetterOrDigit(c))) {
                return null;
            }
            byte[] prefix = ("{\"clusterId\":\"" + clusterId + "\",\"version\":0").getBytes(StandardCharsets.UTF_8);
            if (atZero.length <= prefix.length || !startsWith(atZero, prefix)
                    || (atZero[prefix.length] != ',' && atZero[prefix.length] != '}')) {
                return null;
            }
            byte[] digits = Long.toString(version).getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[atZero.length - 1 + digits.length];
            System.arraycopy(atZero, 0, out, 0, prefix.length - 1);
            System.arraycopy(digits, 0, out, prefix.length - 1, digits.length);
            System.arraycopy(atZero, prefix.length, out, prefix.length - 1 + digits.length,
                    atZero.length - prefix.length);
            return out;
        }

        private static boolean startsWith(byte[] bytes, byte[] prefix) {
            for (int i = 0; i < prefix.length; i++) {
                if (bytes[i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
