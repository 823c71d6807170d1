package io.fedgate.agent.testing;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the part of kube-apiserver's cluster IP allocator, which the mock server lacks: every ClusterIP
 * Service created without a cluster IP gets the next address of {@code prefix}.x.
 */
public final class FakeClusterIpAllocator implements AutoCloseable {
    private final SharedIndexInformer<Service> informer;
    private final AtomicInteger next = new AtomicInteger(10);

    /** @param prefix the first three octets, e.g. {@code 10.97.0} */
    public FakeClusterIpAllocator(KubernetesClient client, String prefix) {
        informer = client.services().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Service service) {
                allocate(client, service, prefix);
            }

            @Override
            public void onUpdate(Service before, Service service) {
                allocate(client, service, prefix);
            }

            @Override
            public void onDelete(Service service, boolean unknown) {
                // nothing to free: addresses are never reused in a test
            }
        }, 0);
    }

    private void allocate(KubernetesClient client, Service service, String prefix) {
        var spec = service.getSpec();
        boolean clusterIpType = spec.getType() == null || "ClusterIP".equals(spec.getType());
        if (clusterIpType && (spec.getClusterIP() == null || spec.getClusterIP().isEmpty())) {
            String ip = prefix + "." + next.getAndIncrement();
            client.services().inNamespace(service.getMetadata().getNamespace()).withName(service.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"spec\":{\"clusterIP\":\"" + ip + "\",\"clusterIPs\":[\"" + ip + "\"]}}");
        }
    }

    @Override
    public void close() throws Exception {
        informer.close();
        informer.stopped().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
