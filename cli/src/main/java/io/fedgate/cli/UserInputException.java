package io.fedgate.cli;

/** A mistake the user can fix (a missing file, a bad value): exit code 2, no stack trace. */
public final class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }
}
