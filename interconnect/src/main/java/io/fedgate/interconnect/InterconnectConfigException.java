package io.fedgate.interconnect;

/**
 * The input is wrong (a bad endpoint, a plan that names an AZ with no endpoint, an address outside its
 * transit switch's subnet); the message says which field and which value. It is an
 * {@link IllegalArgumentException}, so the CLI reports it as a usage error (exit 2).
 */
public class InterconnectConfigException extends IllegalArgumentException {
    public InterconnectConfigException(String message) {
        super(message);
    }
}
