package io.graknmigrate.cli;

/** Wrong use of the command line: reported with the command's usage, exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
