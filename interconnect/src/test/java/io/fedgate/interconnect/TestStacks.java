package io.fedgate.interconnect;

import io.fedgate.interconnect.localstack.OvnIcStack;
import org.junit.jupiter.api.Assumptions;

/** Starting a real OVN-IC stack for a test class. */
final class TestStacks {
    private TestStacks() {
    }

    /** Starts a stack with {@code options}, or skips the test naming the missing OVN binaries. */
    static OvnIcStack startOrSkip(OvnIcStack.Options options) {
        Assumptions.assumeTrue(OvnIcStack.unavailableReason().isEmpty(), () -> OvnIcStack.unavailableReason().get());
        return OvnIcStack.start(options);
    }
}
