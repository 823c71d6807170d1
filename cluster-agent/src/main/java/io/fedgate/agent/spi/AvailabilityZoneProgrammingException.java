package io.fedgate.agent.spi;

/** The availability zone's NB could not be programmed; the message names the AZ, the database and the step. */
public class AvailabilityZoneProgrammingException extends Exception {
    public AvailabilityZoneProgrammingException(String message) {
        super(message);
    }

    public AvailabilityZoneProgrammingException(String message, Throwable cause) {
        super(message, cause);
    }
}
