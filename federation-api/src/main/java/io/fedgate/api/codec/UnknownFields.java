package io.fedgate.api.codec;

/** What reading does with an object field no reader asked for. */
public enum UnknownFields {
    /** Skip it: wire documents from newer peers may carry fields this version does not know. */
    IGNORE,
    /** Report it as a problem, suggesting the closest known name: hand-written files, where it is a typo. */
    REPORT
}
