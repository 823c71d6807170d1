package io.fedgate.agent.internal.model;

/** The ServiceImport that owns a derived Service or EndpointSlice: deleting the import deletes them too. */
public record OwnerRef(String name, String uid) {
}
