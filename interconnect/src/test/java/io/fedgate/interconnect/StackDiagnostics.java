package io.fedgate.interconnect;

import io.fedgate.interconnect.localstack.OvnIcStack;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the OVN-IC stack's diagnostics (daemon warnings, IC-SB rows) when a test on it fails. */
public final class StackDiagnostics implements TestWatcher {
    private final Supplier<OvnIcStack> stack;

    public StackDiagnostics(Supplier<OvnIcStack> stack) {
        this.stack = stack;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        OvnIcStack s = stack.get();
        if (s != null) {
            System.out.println("=== " + context.getDisplayName() + " failed: " + cause + "\n" + s.diagnostics());
        }
    }
}
