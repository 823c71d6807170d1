package io.fedgate.hub.internal.api;

/**
 * A response to send: status, media type and body.
 *
 * @param body null for none
 */
record Reply(int status, String contentType, byte[] body) {
}
