package io.fedgate.gateway.internal.tunnel;

/** What {@link TunnelTimeoutHandler} decided about a tunnel's peer. */
public interface TunnelLivenessListener {
    /** Ignores both verdicts (the accepting side routes nothing over the tunnel). */
    TunnelLivenessListener NONE = new TunnelLivenessListener() {
        @Override
        public void unresponsive() {
        }

        @Override
        public void responsive() {
        }
    };

    /** The peer stopped answering: open no new streams on this tunnel; it is kept open for the flows on it. */
    void unresponsive();

    /** The peer answers again after {@link #unresponsive()}. */
    void responsive();
}
