/**
 * Programs OVN interconnection (ovn-ic) from an {@link io.fedgate.api.model.InterconnectPlan}: transit
 * switches in IC-NB, and in each availability zone's NB the zone settings, router ports, switch ports and
 * gateway chassis that attach the cluster router to the transit switches.
 *
 * <p>Entry points: {@link io.fedgate.interconnect.InterconnectReconciler} ({@code apply}, {@code leave},
 * {@code status}), with endpoints in {@link io.fedgate.interconnect.IcEndpoints} and settings in
 * {@link io.fedgate.interconnect.ReconcilerOptions}. What it promises: applying the same plan twice makes no
 * write; rows it did not create (no {@code fedgate.io/owner=fedgate} external id) are never changed or
 * deleted; with drift repair on, a hand-made change to a row it owns is put back, driven by the database's
 * monitor; every change is listed in a {@link io.fedgate.interconnect.ChangeReport}. Failures are
 * {@link io.fedgate.interconnect.InterconnectException} (runtime) or
 * {@link io.fedgate.interconnect.InterconnectConfigException} (input), or an
 * {@link io.fedgate.interconnect.ovsdb.OvsdbException} from the database client.
 */
package io.fedgate.interconnect;
