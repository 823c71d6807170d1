package io.fedgate.cli.local;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fedgate.api.net.Cidr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * What kube-apiserver does to a Service it is asked to create and fabric8's mock server does not: it allocates
 * the cluster IPs from the cluster's service CIDRs, one per IP family its {@code ipFamilyPolicy} asks for
 * ({@code SingleStack}, the default: the primary family; {@code PreferDualStack} and {@code RequireDualStack}:
 * every family the cluster has, primary first), and defaults {@code type}, {@code sessionAffinity},
 * {@code internalTrafficPolicy}, {@code ipFamilyPolicy}, {@code ipFamilies} and {@code clusterIPs}. Headless
 * Services get families but no address, ExternalName Services nothing; an address the request names is kept.
 * Updates keep what was allocated, since the mock merges patches onto the stored object.
 */
final class ServiceAllocation {
    private static final Pattern CREATE_PATH = Pattern.compile("/api/v1/namespaces/[^/]+/services/?(\\?.*)?");
    private static final String NONE = "None";
    /** Host index of the first allocated address: the low ones are kube-apiserver's own (kubernetes, kube-dns). */
    private static final long FIRST_HOST = 100;

    private final List<Cidr> ranges;
    private final AtomicLong nextHost = new AtomicLong(FIRST_HOST);
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    /** @param serviceCidrs the cluster's service CIDRs, primary first; the first of each family is used */
    ServiceAllocation(List<Cidr> serviceCidrs) {
        List<Cidr> perFamily = new ArrayList<>();
        for (Cidr cidr : serviceCidrs) {
            if (perFamily.stream().noneMatch(c -> c.isIpv6() == cidr.isIpv6())) {
                perFamily.add(cidr);
            }
        }
        this.ranges = List.copyOf(perFamily);
    }

    /** {@code request}, with its Service defaulted, when it creates a Service; else {@code request} as it is. */
    RecordedRequest onCreate(RecordedRequest request) {
        if (ranges.isEmpty() || !"POST".equals(request.getMethod()) || !CREATE_PATH.matcher(request.getPath()).matches()) {
            return request;
        }
        Service service = serialization.unmarshal(request.getUtf8Body(), Service.class);
        if (service.getSpec() == null) {
            return request;
        }
        defaulted(service.getSpec());
        return new RecordedRequest(request.getHttpVersion(), HttpMethod.POST, request.getPath(),
                request.getHeaders(), new Buffer(serialization.asJson(service).getBytes(StandardCharsets.UTF_8)));
    }

    private void defaulted(ServiceSpec spec) {
        if (spec.getType() == null) {
            spec.setType("ClusterIP");
        }
        if ("ExternalName".equals(spec.getType())) {
            return;
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
        if (spec.getIpFamilies() == null || spec.getIpFamilies().isEmpty()) {
            spec.setIpFamilies(new ArrayList<>(families.stream().map(c -> c.isIpv6() ? "IPv6" : "IPv4").toList()));
        }
        if (NONE.equals(spec.getClusterIP())) {
            spec.setClusterIPs(new ArrayList<>(List.of(NONE)));
            return;
        }
        if (spec.getClusterIP() != null && !spec.getClusterIP().isEmpty()) {
            if (spec.getClusterIPs() == null || spec.getClusterIPs().isEmpty()) {
                spec.setClusterIPs(new ArrayList<>(List.of(spec.getClusterIP())));
            }
            return;
        }
        long host = nextHost.getAndIncrement();
        List<String> ips = families.stream().map(cidr -> cidr.host(host).addressText()).toList();
        spec.setClusterIP(ips.get(0));
        spec.setClusterIPs(new ArrayList<>(ips));
    }
}
