package io.fedgate.cli.conformance;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fedgate.api.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What kube-apiserver does to a Service and fabric8's mock server does not: it allocates the cluster IPs from the
 * cluster's service CIDRs, one per IP family its {@code ipFamilyPolicy} asks for (SingleStack, the default: the
 * primary family; PreferDualStack and RequireDualStack: every family the cluster has, primary first), and defaults
 * {@code ipFamilyPolicy}, {@code ipFamilies}, {@code clusterIPs} and {@code internalTrafficPolicy}. Headless
 * Services get families but no address; ExternalName Services nothing.
 *
 * <p>The suite's own Services get this before they are created ({@link #defaulted}), as kube-apiserver would
 * answer the create. Services others create (the agent's derived Services) get it from an informer right after
 * they appear; one written back without its address gets the same addresses again, as kube-apiserver keeps an
 * allocated address.
 */
final class ServiceIpAllocator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceIpAllocator.class);
    private static final String IPV4 = "IPv4";
    private static final String IPV6 = "IPv6";
    private static final String NONE = "None";
    /** Host index of the first allocated address: the low ones are kube-apiserver's own (kubernetes, kube-dns). */
    private static final long FIRST_HOST = 100;

    private final String clusterId;
    private final KubernetesClient client;
    private final List<Cidr> ranges;
    private final Map<String, List<String>> allocated = new ConcurrentHashMap<>();
    private final AtomicLong nextHost = new AtomicLong(FIRST_HOST);
    private SharedIndexInformer<Service> informer;

    /**
     * @param serviceCidrs the cluster's service CIDRs, primary first; the first of each family is used
     */
    ServiceIpAllocator(String clusterId, KubernetesClient client, List<Cidr> serviceCidrs) {
        this.clusterId = clusterId;
        this.client = client;
        List<Cidr> perFamily = new ArrayList<>();
        for (Cidr cidr : serviceCidrs) {
            if (perFamily.stream().noneMatch(c -> c.isIpv6() == cidr.isIpv6())) {
                perFamily.add(cidr);
            }
        }
        if (perFamily.isEmpty()) {
            throw new IllegalArgumentException("cluster " + clusterId + ": no service CIDR to allocate from");
        }
        this.ranges = List.copyOf(perFamily);
    }

    /** Starts allocating for Services created without an address by others. */
    ServiceIpAllocator start() {
        informer = client.services().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Service service) {
                allocateStored(service);
            }

            @Override
            public void onUpdate(Service before, Service after) {
                allocateStored(after);
            }

            @Override
            public void onDelete(Service service, boolean unknownFinalState) {
                allocated.remove(key(service));
            }
        });
        return this;
    }

    /** {@code service} as kube-apiserver stores it on create (changed in place and returned). */
    Service defaulted(Service service) {
        ServiceSpec spec = service.getSpec();
        if (spec.getType() == null) {
            spec.setType("ClusterIP");
        }
        if ("ExternalName".equals(spec.getType())) {
            return service;
        }
        if (spec.getSessionAffinity() == null) {
            spec.setSessionAffinity(NONE);
        }
        if (spec.getInternalTrafficPolicy() == null) {
            spec.setInternalTrafficPolicy("Cluster");
        }
        if (spec.getIpFamilyPolicy() == null) {
            spec.setIpFamilyPolicy("SingleStack");
        }
        List<Cidr> families = "SingleStack".equals(spec.getIpFamilyPolicy()) ? ranges.subList(0, 1) : ranges;
        spec.setIpFamilies(new ArrayList<>(families.stream().map(c -> c.isIpv6() ? IPV6 : IPV4).toList()));
        if (NONE.equals(spec.getClusterIP())) {
            spec.setClusterIPs(new ArrayList<>(List.of(NONE)));
            return service;
        }
        List<String> ips = allocated.computeIfAbsent(key(service), k -> families.stream()
                .map(cidr -> cidr.host(nextHost.getAndIncrement()).addressText()).toList());
        spec.setClusterIP(ips.get(0));
        spec.setClusterIPs(new ArrayList<>(ips));
        return service;
    }

    private void allocateStored(Service service) {
        if (!needsAddress(service)) {
            return;
        }
        String namespace = service.getMetadata().getNamespace();
        String name = service.getMetadata().getName();
        try {
            client.services().inNamespace(namespace).withName(name)
                    .edit(stored -> needsAddress(stored) ? defaulted(stored) : stored);
        } catch (KubernetesClientException e) {
            // gone or changed meanwhile: the informer's next event for it brings the next try
            LOG.info("cluster {}: Service {}/{}: cluster IP not allocated yet: HTTP {}: {}", clusterId, namespace,
                    name, e.getCode(), e.getMessage());
        }
    }

    private static boolean needsAddress(Service service) {
        ServiceSpec spec = service.getSpec();
        return spec != null && !"ExternalName".equals(spec.getType())
                && (spec.getClusterIP() == null || spec.getClusterIP().isEmpty());
    }

    private static String key(Service service) {
        return service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
