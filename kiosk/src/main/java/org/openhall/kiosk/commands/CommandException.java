package org.openhall.kiosk.commands;

import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.refusals.RefusedException;

/** A command that cannot be carried out; its {@link Refusal} is the {@code command.result} error. */
public final class CommandException extends RefusedException {
    public CommandException(Refusal refusal, String message) {
        super(refusal, message);
    }

    public static CommandException invalid(String argument, String problem) {
        return new CommandException(Refusal.INVALID_ARGUMENT, argument + ": " + problem);
    }
}
