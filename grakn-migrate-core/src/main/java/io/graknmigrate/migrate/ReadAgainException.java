package io.graknmigrate.migrate;

/**
 * Thrown by a {@link KeyspaceSink} that took a faster way for an input whose ids looked fit for it,
 * met an item that is not, and undid what it had written: the caller reads the input again from its
 * start into the same sink, which then takes the general way. Only an input that can be read twice
 * (a file) is given the faster way; nothing of the first read is kept.
 */
public final class ReadAgainException extends RuntimeException {

    public ReadAgainException(String why) {
        super(why, null, false, false);
    }
}
