package io.fedgate.hub.it;

/** The hub suite against one member. */
class SingleMemberHubIT extends AbstractHubIT {
    @Override
    int members() {
        return 1;
    }
}
