package org.openhall.kiosk.commands;

import com.fasterxml.jackson.databind.JsonNode;

/** Carries out one kind of command and returns its result object. */
public interface CommandHandler {
    JsonNode execute(Command command) throws CommandException;

    /**
     * True when the handler only changes the database, so it can run inside the transaction that records the
     * result: the effect and its result then commit together, exactly once. Handlers that print run outside.
     */
    default boolean transactional() {
        return true;
    }

    /** True when the handler prints (paper): such commands are rate-limited. */
    default boolean prints() {
        return false;
    }
}
