package io.fedgate.agent.internal.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fedgate.agent.internal.model.EndpointSliceState;
import io.fedgate.agent.internal.model.McsNames;
import io.fedgate.agent.internal.model.ObjectKey;
import io.fedgate.agent.internal.model.ObservedSlice;
import io.fedgate.agent.internal.model.SliceEndpoint;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The EndpointSlices of imports, one or more per source cluster. */
public final class EndpointSliceKind extends BaseKind<EndpointSliceState> {
    private static final Set<String> LABELS = Set.of(McsNames.MANAGED_BY, McsNames.SLICE_MANAGED_BY,
            McsNames.MCS_SERVICE_NAME, McsNames.MCS_SOURCE_CLUSTER, McsNames.SLICE_SERVICE_NAME, McsNames.FEDGATE_IMPORT);

    private final KubernetesClient client;
    private final ClusterCaches caches;
    private final McsApi mcs;

    public EndpointSliceKind(KubernetesClient client, ClusterCaches caches, McsApi mcs) {
        super("EndpointSlice", false, true);
        this.client = client;
        this.caches = caches;
        this.mcs = mcs;
    }

    @Override
    public HasMetadata cached(ObjectKey key) {
        return caches.slice(key);
    }

    /** Every cached EndpointSlice, fedgate's or not. */
    public List<EndpointSlice> cachedAll() {
        return caches.slices();
    }

    /** True for slices fedgate wrote for an import (candidates for cleanup). */
    public static boolean isImported(EndpointSlice slice) {
        var labels = slice.getMetadata().getLabels();
        return McsNames.managedByFedgate(labels) && McsNames.importName(labels) != null;
    }

    @Override
    public EndpointSliceState observed(HasMetadata observed) {
        EndpointSlice slice = (EndpointSlice) observed;
        ObservedSlice read = FactsReader.slice(slice);
        List<SliceEndpoint> endpoints = read.endpoints().stream()
                .map(e -> SliceEndpoint.imported(e.address(), e.ready(), e.hostname()))
                .sorted(Comparator.comparing(SliceEndpoint::address)).toList();
        return new EndpointSliceState(read.key(), ObjectMaps.managedLabels(slice, LABELS), ObjectMaps.owner(slice),
                slice.getAddressType(), read.ports().stream().sorted().toList(), endpoints);
    }

    @Override
    public HasMetadata manifest(EndpointSliceState desired) {
        return new EndpointSliceBuilder()
                .withMetadata(ObjectMaps.metadata(desired.key(), desired.labels(), desired.owner(), mcs))
                .withAddressType(desired.addressType())
                .withPorts(desired.ports().stream().map(p -> new EndpointPortBuilder().withName(p.name())
                        .withPort(p.port()).withProtocol(p.protocol().name()).withAppProtocol(p.appProtocol())
                        .build()).toList())
                .withEndpoints(desired.endpoints().stream().map(e -> new EndpointBuilder()
                        .withAddresses(e.address())
                        .withHostname(e.hostname())
                        .withNewConditions().withReady(e.ready()).withServing(e.ready()).withTerminating(false)
                        .endConditions()
                        .build()).toList())
                .build();
    }

    @Override
    public Resource<? extends HasMetadata> resource(HasMetadata manifest) {
        return client.discovery().v1().endpointSlices().inNamespace(manifest.getMetadata().getNamespace())
                .resource((EndpointSlice) manifest);
    }
}
