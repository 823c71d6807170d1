package io.fedgate.cli.conformance;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The objects of the upstream suite's {@code k8s_objects.go}: the Service {@code hello} and its ServiceExport. Each
 * call returns a new, mutable object, so that a case can change it before it is deployed, as the upstream cases do
 * in their {@code BeforeEach}.
 */
final class HelloFixtures {
    /** {@code helloServiceName}. */
    static final String HELLO = "hello";

    private HelloFixtures() {
    }

    /**
     * {@code newHelloService()}: ports {@code tcp} 42/TCP and {@code udp} 42/UDP, selector {@code app=hello},
     * ClientIP session affinity with a 10 s timeout, PreferDualStack, labels and annotations
     * {@code dummy-svc=dummy}.
     */
    static Service helloService() {
        return new ServiceBuilder()
                .withNewMetadata().withName(HELLO).withAnnotations(mutable("dummy-svc", "dummy"))
                .withLabels(mutable("dummy-svc", "dummy")).endMetadata()
                .withNewSpec()
                .withSelector(mutable("app", HELLO))
                .withPorts(port("tcp", 42, "TCP"), port("udp", 42, "UDP"))
                .withSessionAffinity("ClientIP")
                .withNewSessionAffinityConfig().withNewClientIP().withTimeoutSeconds(10).endClientIP()
                .endSessionAffinityConfig()
                .withIpFamilyPolicy("PreferDualStack")
                .endSpec().build();
    }

    /** A Service port as {@code corev1.ServicePort{Name, Port, Protocol}} (no target port: the port itself). */
    static ServicePort port(String name, int port, String protocol) {
        return new ServicePortBuilder().withName(name).withPort(port).withProtocol(protocol).build();
    }

    /** {@code newHelloServiceExport()}: labels and annotations {@code dummy-svcexport=dummy}, no spec. */
    static GenericKubernetesResource helloServiceExport() {
        GenericKubernetesResource export = new GenericKubernetesResource();
        export.setApiVersion(McsApi.API_VERSION);
        export.setKind(McsApi.SERVICE_EXPORT);
        export.setMetadata(new ObjectMetaBuilder().withName(HELLO)
                .withAnnotations(mutable("dummy-svcexport", "dummy"))
                .withLabels(mutable("dummy-svcexport", "dummy")).build());
        return export;
    }

    /** {@code export} with {@code spec.exportedLabels} and {@code spec.exportedAnnotations} set (changed in place). */
    static GenericKubernetesResource exporting(GenericKubernetesResource export, Map<String, String> exportedLabels,
                                               Map<String, String> exportedAnnotations) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("exportedAnnotations", new LinkedHashMap<>(exportedAnnotations));
        spec.put("exportedLabels", new LinkedHashMap<>(exportedLabels));
        export.setAdditionalProperty("spec", spec);
        return export;
    }

    private static Map<String, String> mutable(String key, String value) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }
}
