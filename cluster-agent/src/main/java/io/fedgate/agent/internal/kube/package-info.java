/**
 * The agent's edge to the Kubernetes API (fabric8): informers and their caches
 * ({@link io.fedgate.agent.internal.kube.ClusterCaches}), mapping cached objects to the pure model's records
 * ({@link io.fedgate.agent.internal.kube.FactsReader}, the {@code *Kind} classes), the CRD check
 * ({@link io.fedgate.agent.internal.kube.CrdGate}) and the one generic write path
 * ({@link io.fedgate.agent.internal.kube.ObjectReconciler}). No decisions are taken here: what to write comes
 * from {@code io.fedgate.agent.internal.model}.
 */
package io.fedgate.agent.internal.kube;
