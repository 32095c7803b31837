package org.openhall.kiosk.commands;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.refusals.RefusedException;
import org.openhall.kiosk.tickets.CallingService;
import org.openhall.kiosk.tickets.TicketService;

/**
 * The calling commands (interface.md section 7): {@code call} (next, or a {@code number} out of order),
 * {@code recall}, {@code no-show}, {@code complete}, {@code transfer}, {@code pause}, {@code resume}. Each is one
 * {@link CallingService} action with channel "command", run inside the result's transaction.
 */
public final class WindowHandlers {
    private static final Pattern CODE = Pattern.compile("^[A-Z]$");
    private static final Pattern NUMBER = Pattern.compile("^[A-Z][0-9]{3,5}$");
    private static final String WINDOW_HINT = "a window id such as \"1\"";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final CallingService calling;
    private final TicketService tickets;

    public WindowHandlers(CallingService calling, TicketService tickets) {
        this.calling = calling;
        this.tickets = tickets;
    }

    /** Every calling command by name, for the processor's table. */
    public Map<String, CommandHandler> all() {
        return Map.of("call", call(), "recall", recall(), "no-show", noShow(), "complete", complete(),
                "transfer", transfer(), "pause", pause(), "resume", resume());
    }

    CommandHandler call() {
        return command -> {
            Args args = new Args(command.args());
            String window = window(args);
            String number = args.optionalString("number", NUMBER, "a ticket number such as \"A015\"");
            List<String> categories = args.optionalStrings("categories", CODE, "category codes such as [\"A\",\"B\"]");
            for (String code : categories) {
                if (tickets.category(code).isEmpty()) {
                    throw CommandException.invalid("categories", "no category " + code);
                }
            }
            return numbered(() -> number == null ? calling.next(window, categories, "command")
                    : calling.callNumber(window, number, "command"));
        };
    }

    CommandHandler recall() {
        return command -> {
            String window = window(new Args(command.args()));
            return numbered(() -> calling.recall(window, "command"));
        };
    }

    CommandHandler noShow() {
        return command -> {
            String window = window(new Args(command.args()));
            return numbered(() -> calling.noShow(window));
        };
    }

    CommandHandler complete() {
        return command -> {
            String window = window(new Args(command.args()));
            return numbered(() -> calling.complete(window));
        };
    }

    CommandHandler transfer() {
        return command -> {
            Args args = new Args(command.args());
            String window = window(args);
            String category = args.string("category", CODE, "a category code such as \"B\"");
            ObjectNode result = numbered(() -> calling.transfer(window, category));
            return result.put("category", category);
        };
    }

    CommandHandler pause() {
        return command -> {
            String window = window(new Args(command.args()));
            run(() -> {
                calling.pause(window);
                return null;
            });
            return JSON.objectNode().put("window", window).put("paused", true);
        };
    }

    CommandHandler resume() {
        return command -> {
            String window = window(new Args(command.args()));
            long pausedS = run(() -> calling.resume(window));
            return JSON.objectNode().put("window", window).put("paused", false).put("pausedS", pausedS);
        };
    }

    private static String window(Args args) throws CommandException {
        return args.string("window", ServingHandler.WINDOW, WINDOW_HINT);
    }

    private static ObjectNode numbered(Supplier<String> action) throws CommandException {
        return JSON.objectNode().put("number", run(action));
    }

    /** Refusals become the command's error; an unknown window is an invalid argument of the command. */
    private static <T> T run(Supplier<T> action) throws CommandException {
        try {
            return action.get();
        } catch (RefusedException e) {
            if (e.refusal() == Refusal.UNKNOWN_WINDOW) {
                throw CommandException.invalid("window", e.getMessage());
            }
            throw e;
        }
    }
}
