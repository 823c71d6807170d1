package io.fedgate.gateway.internal.tunnel;

/** Connection-level events of one tunnel, reported by {@link TunnelStateHandler}. */
public interface TunnelStateListener {
    /** The peer's first SETTINGS arrived: the peer admitted us and streams may be opened. */
    void settingsReceived();

    /** The peer sent GOAWAY: it is draining; open no new streams on this connection. */
    void goAwayReceived(long errorCode);
}
