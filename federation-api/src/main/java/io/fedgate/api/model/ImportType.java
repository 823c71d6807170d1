package io.fedgate.api.model;

/** MCS ServiceImport type (KEP-1645): a virtual cluster-set IP, or headless (per-endpoint DNS). */
public enum ImportType { CLUSTER_SET_IP, HEADLESS }
