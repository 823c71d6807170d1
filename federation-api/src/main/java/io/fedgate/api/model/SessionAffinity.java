package io.fedgate.api.model;

/** Session affinity of a service, as Kubernetes defines it. */
public enum SessionAffinity { NONE, CLIENT_IP }
