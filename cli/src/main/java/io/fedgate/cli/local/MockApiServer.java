package io.fedgate.cli.local;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fedgate.api.net.Cidr;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated cluster's Kubernetes API: fabric8's mock server in CRUD mode on loopback (it stores what is
 * written and serves lists and watches, but has no server-side apply: agents against it write with
 * create-or-update), plus API discovery ({@link DiscoveryDispatcher}) so that kubectl can talk to it through
 * {@link #kubeconfig(String)}. A CRD's served versions all show the same objects, which are stored in its storage
 * version ({@link ServedVersions}). Its request log tells which writes reached the API server, whoever made them,
 * under the paths they were sent to.
 */
public final class MockApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MockApiServer.class);
    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    static {
        // the mock server logs every request at INFO through java.util.logging: noise in the demo and benchmarks
        java.util.logging.Logger.getLogger(MockWebServer.class.getName()).setLevel(java.util.logging.Level.WARNING);
    }

    /** An API server that allocates no Service IPs (a Service keeps the address its creator gives it). */
    public MockApiServer() {
        this(List.of());
    }

    /** @param serviceCidrs the ranges Services get their cluster IPs from on create, primary first */
    public MockApiServer(List<Cidr> serviceCidrs) {
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new DiscoveryDispatcher(new KubernetesCrudDispatcher(), new ServiceAllocation(serviceCidrs)), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        this.client = server.createClient();
    }

    /** A client of this API server (closed with it). */
    public NamespacedKubernetesClient client() {
        return client;
    }

    /** The API server's URL. */
    public String url() {
        return server.url("/");
    }

    /**
     * A kubeconfig with one cluster, context and (credential-less) user, all named {@code name}, pointing at this
     * API server; its current context is that one.
     */
    public String kubeconfig(String name) {
        // the address it is bound to, not "localhost", which kubectl might first try on the other IP family
        InetAddress loopback = InetAddress.getLoopbackAddress();
        String host = loopback instanceof Inet6Address ? "[" + loopback.getHostAddress() + "]"
                : loopback.getHostAddress();
        String apiServer = "http://" + host + ":" + server.getPort();
        return String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: \"" + name + "\"",
                "  cluster:",
                "    server: \"" + apiServer + "\"",
                "contexts:",
                "- name: \"" + name + "\"",
                "  context:",
                "    cluster: \"" + name + "\"",
                "    user: \"" + name + "\"",
                "current-context: \"" + name + "\"",
                "users:",
                "- name: \"" + name + "\"",
                "  user: {}",
                "");
    }

    /**
     * The write requests ({@code METHOD path}) the server received since the last call, oldest first. Reads and
     * watches are dropped from the log as it is read.
     */
    public synchronized List<String> takeWrites() {
        List<String> writes = new ArrayList<>();
        try {
            RecordedRequest request;
            while ((request = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
                if (WRITE_METHODS.contains(request.getMethod())) {
                    writes.add(request.getMethod() + " " + request.getPath());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return writes;
    }

    @Override
    public void close() {
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // fabric8's mock server can block its event loop for a while when a watch closes with an event still
            // queued for it; its shutdown then gives up after 10 s and its threads end later on their own
            LOG.warn("simulated API server did not close cleanly: {}", e.getMessage());
        }
    }
}
