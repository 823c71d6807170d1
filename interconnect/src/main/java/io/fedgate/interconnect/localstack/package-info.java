/**
 * A real OVN-IC stack on loopback for tests, the demo and benchmarks: {@link io.fedgate.interconnect.localstack.OvnIcStack}
 * runs {@code test-env/ovn-ic/ovn-ic-stack.sh} (bundled in this jar), which starts ovsdb-servers, ovn-northd and
 * ovn-ic for N availability zones on ports the kernel picks, and stops exactly the processes it started.
 * Nothing here is used in production paths.
 */
package io.fedgate.interconnect.localstack;
