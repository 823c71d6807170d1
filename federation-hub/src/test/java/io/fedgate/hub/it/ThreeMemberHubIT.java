package io.fedgate.hub.it;

/** The hub suite against three members. */
class ThreeMemberHubIT extends AbstractHubIT {
    @Override
    int members() {
        return 3;
    }
}
