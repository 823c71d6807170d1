package io.fedgate.api.codec;

import io.fedgate.api.model.ImportType;
import io.fedgate.api.model.Protocol;
import io.fedgate.api.model.SessionAffinity;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How enum values are spelt in documents, for reading and writing alike.
 *
 * <ul>
 *   <li>Values Kubernetes already spells keep its spelling: {@link ImportType} {@code ClusterSetIP},
 *       {@code Headless}; {@link SessionAffinity} {@code None}, {@code ClientIP}; {@link Protocol}
 *       {@code TCP}, {@code UDP}, {@code SCTP}.</li>
 *   <li>Every other constant is written in lower kebab case: {@code LOCAL_FIRST} is {@code local-first},
 *       {@code KUBE_OVN_OVERLAY} is {@code kube-ovn-overlay}, {@code LEASE_EXPIRED} is
 *       {@code lease-expired}.</li>
 * </ul>
 * Reading is exact (case-sensitive): a document says {@code weighted}, not {@code WEIGHTED}.
 */
public final class WireNames {
    private static final Map<Enum<?>, String> KUBERNETES_SPELLING = Map.of(
            ImportType.CLUSTER_SET_IP, "ClusterSetIP",
            ImportType.HEADLESS, "Headless",
            SessionAffinity.NONE, "None",
            SessionAffinity.CLIENT_IP, "ClientIP",
            Protocol.TCP, "TCP",
            Protocol.UDP, "UDP",
            Protocol.SCTP, "SCTP");

    private WireNames() {
    }

    /** The wire name of {@code value}. */
    public static String of(Enum<?> value) {
        String kubernetes = KUBERNETES_SPELLING.get(value);
        return kubernetes != null ? kubernetes : value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code type} whose wire name is {@code wireName}, or null when there is none. */
    public static <E extends Enum<?>> E parse(Class<E> type, String wireName) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(wireName)) {
                return constant;
            }
        }
        return null;
    }

    /** Every wire name of {@code type}, in declaration order, for messages that list what is allowed. */
    public static List<String> allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireNames::of).toList();
    }
}
