package io.fedgate.api.model;

/** L4 protocol of a service port, as Kubernetes spells it. */
public enum Protocol { TCP, UDP, SCTP }
