package io.fedgate.hub.internal.state;

import java.io.Serializable;

/**
 * A service's import variants as stored: each variant's encoding and the path it takes to each serving cluster,
 * so a member picks a cluster's variant from the cluster's paths without decoding any.
 *
 * @param servers  serving cluster ids, in the variants' order
 * @param paths    per variant, the {@code DataPath} ordinal towards each of {@code servers}
 * @param variants per variant, its {@code ServiceImport} JSON
 */
public record ServiceContent(String[] servers, byte[][] paths, byte[][] variants) implements Serializable {
    private static final long serialVersionUID = 1L;
}
