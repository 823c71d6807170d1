package io.fedgate.agent.internal.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fedgate.agent.WriteMethod;
import io.fedgate.agent.internal.model.ConditionState;
import io.fedgate.agent.internal.model.DerivedServiceState;
import io.fedgate.agent.internal.model.ExportConditionsState;
import io.fedgate.agent.internal.model.ManagedState;
import io.fedgate.agent.internal.model.McsNames;
import io.fedgate.agent.internal.model.ObjectKey;
import io.fedgate.agent.internal.model.OwnerRef;
import io.fedgate.api.model.ServicePort;
import io.fedgate.api.model.SessionAffinity;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server-side apply write path, which the CRUD mock cannot serve: a mock server whose dispatcher records
 * each request and answers a PATCH with the applied object shows what the agent sends a real API server.
 */
class ServerSideApplyIT {
    private static final McsApi MCS = McsApi.of(McsApi.V1BETA1);
    private static final ObjectKey DERIVED = new ObjectKey("bank", "fedgate-web");
    private static final DerivedServiceState DESIRED = new DerivedServiceState(DERIVED,
            Map.of(McsNames.MANAGED_BY, McsNames.FEDGATE, McsNames.MCS_SERVICE_NAME, "web"), new OwnerRef("web", "uid-1"),
            List.of(ServicePort.tcp("https", 443)), SessionAffinity.NONE, null, null);

    /** What the API server received. */
    private record Request(String method, String path, String contentType, String body) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String body = request.getUtf8Body();
                    requests.add(new Request(request.getMethod(), request.getPath(), request.getHeader("Content-Type"),
                            body));
                    return new MockResponse().setResponseCode(200).setBody("PATCH".equals(request.getMethod()) ? body
                            : "{}");
                }
            }, false);
    private final List<String> written = new ArrayList<>();
    private NamespacedKubernetesClient client;
    private ObjectReconciler reconciler;

    private void start() {
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        reconciler = new ObjectReconciler(client, WriteMethod.SERVER_SIDE_APPLY, "fedgate", "east", written::add);
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void absentObjectIsAppliedWithTheFieldManagerAndForce() {
        start();
        DerivedServiceKind services = new DerivedServiceKind(client, null, MCS);

        WriteOutcome outcome = reconciler.reconcile(new Observed<>(services, null), DERIVED, DESIRED);

        assertThat(outcome).isEqualTo(WriteOutcome.CREATED);
        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("PATCH");
            assertThat(request.path()).startsWith("/api/v1/namespaces/bank/services/fedgate-web?")
                    .contains("fieldManager=fedgate").contains("force=true");
            assertThat(request.contentType()).startsWith("application/apply-patch+yaml");
            assertThat(request.body()).contains("\"app.kubernetes.io/managed-by\":\"fedgate\"")
                    .contains("\"ownerReferences\"").contains("\"uid\":\"uid-1\"").contains("\"port\":443")
                    .doesNotContain("clusterIP");
        });
        assertThat(written).containsExactly("Service");
    }

    @Test
    void changedObjectIsAppliedAgainAndAnEqualOneIsLeftAlone() {
        start();
        DerivedServiceKind services = new DerivedServiceKind(client, null, MCS);
        HasMetadata stored = services.manifest(DESIRED);
        stored.getMetadata().setResourceVersion("7");

        assertThat(reconciler.reconcile(new Observed<>(services, stored), DERIVED, DESIRED)).isEqualTo(WriteOutcome.NOOP);
        DerivedServiceState moved = new DerivedServiceState(DERIVED, DESIRED.labels(), DESIRED.owner(),
                List.of(ServicePort.tcp("https", 8443)), SessionAffinity.NONE, null, null);
        assertThat(reconciler.reconcile(new Observed<>(services, stored), DERIVED, moved)).isEqualTo(WriteOutcome.PATCHED);

        assertThat(requests).singleElement().satisfies(r -> assertThat(r.body()).contains("\"port\":8443"));
    }

    @Test
    void exportConditionsAreAppliedToTheStatusSubresource() {
        start();
        ServiceExportStatusKind exports = new ServiceExportStatusKind(client, null, MCS);
        GenericKubernetesResource export = new GenericKubernetesResource();
        export.setApiVersion(MCS.apiVersion());
        export.setKind(KubeResources.SERVICE_EXPORT_KIND);
        export.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("web").withNamespace("bank")
                .withResourceVersion("3").build());
        ExportConditionsState desired = new ExportConditionsState(new ObjectKey("bank", "web"), List.of(
                new ConditionState("Valid", "True", "Valid", "exported", 1L, "2025-01-01T00:00:00Z")));

        assertThat(reconciler.reconcile(new Observed<>(exports, export), desired.key(), desired))
                .isEqualTo(WriteOutcome.PATCHED);

        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.path()).startsWith(
                    "/apis/multicluster.x-k8s.io/v1beta1/namespaces/bank/serviceexports/web/status?");
            assertThat(request.contentType()).startsWith("application/apply-patch+yaml");
            assertThat(request.body()).contains("\"conditions\"").contains("\"reason\":\"Valid\"")
                    .doesNotContain("\"spec\"");
        });
        assertThat(written).containsExactly("ServiceExport/status");
    }

    @Test
    void objectWithoutFedgatesLabelIsNeverWritten() {
        start();
        DerivedServiceKind services = new DerivedServiceKind(client, null, MCS);
        HasMetadata foreign = services.manifest(DESIRED);
        foreign.getMetadata().setLabels(Map.of("app", "someone-else"));

        assertThat(reconciler.reconcile(new Observed<>(services, foreign), DERIVED, DESIRED))
                .isEqualTo(WriteOutcome.NOT_OWNED);
        assertThat(reconciler.reconcile(new Observed<>(services, foreign), DERIVED, null))
                .isEqualTo(WriteOutcome.NOT_OWNED);
        assertThat(requests).isEmpty();
        assertThat(written).isEmpty();
    }

    @Test
    void undesiredObjectOfFedgateIsDeleted() {
        start();
        DerivedServiceKind services = new DerivedServiceKind(client, null, MCS);

        assertThat(reconciler.reconcile(new Observed<>(services, services.manifest(DESIRED)), DERIVED, null))
                .isEqualTo(WriteOutcome.DELETED);

        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.path()).startsWith("/api/v1/namespaces/bank/services/fedgate-web");
        });
        assertThat(written).containsExactly("Service");
    }

    /** A kind whose cache holds exactly {@code observed} (or nothing). */
    private record Observed<S extends ManagedState>(ManagedKind<S> real, HasMetadata stored) implements ManagedKind<S> {
        @Override
        public String kind() {
            return real.kind();
        }

        @Override
        public boolean statusOnly() {
            return real.statusOnly();
        }

        @Override
        public boolean requiresOwnership() {
            return real.requiresOwnership();
        }

        @Override
        public HasMetadata cached(ObjectKey key) {
            return stored;
        }

        @Override
        public S observed(HasMetadata object) {
            return real.observed(object);
        }

        @Override
        public HasMetadata manifest(S desired) {
            return real.manifest(desired);
        }

        @Override
        public Resource<? extends HasMetadata> resource(HasMetadata manifest) {
            return real.resource(manifest);
        }
    }
}
