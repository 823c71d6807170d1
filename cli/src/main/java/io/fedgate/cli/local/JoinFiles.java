package io.fedgate.cli.local;

import io.fedgate.api.pki.Component;
import java.nio.file.Path;

/** Where a component finds what it needs to join the cluster set on first start: its token and the hub's CA. */
public interface JoinFiles {

    /** A file holding a single-use join token for {@code component} of {@code clusterId}. */
    Path token(String clusterId, Component component);

    /** The hub's CA certificate (PEM). */
    Path caFile();
}
