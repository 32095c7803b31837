package org.openhall.kiosk.commands;

/** A command that cannot be carried out; {@code code} is the contract's snake_case error word. */
public final class CommandException extends Exception {
    private final String code;

    public CommandException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static CommandException invalid(String argument, String problem) {
        return new CommandException("invalid_argument", argument + ": " + problem);
    }
}
