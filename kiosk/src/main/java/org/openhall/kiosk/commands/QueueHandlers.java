package org.openhall.kiosk.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openhall.kiosk.config.Category;
import org.openhall.kiosk.config.ConfigError;
import org.openhall.kiosk.config.ConfigLoader;
import org.openhall.kiosk.refusals.Refusal;
import org.openhall.kiosk.tickets.TicketService;

/** The queue's commands: {@code reprint}, {@code categories}, {@code print-test} (calling: {@link WindowHandlers}). */
public final class QueueHandlers {
    private static final Pattern NUMBER = Pattern.compile("^[A-Z][0-9]{3,5}$");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final TicketService tickets;

    public QueueHandlers(TicketService tickets) {
        this.tickets = tickets;
    }

    public CommandHandler reprint() {
        return printing(command -> {
            String number = new Args(command.args()).string("number", NUMBER, "today's ticket number such as \"A001\"");
            refusalsAsErrors(() -> {
                tickets.reprint(number);
                return null;
            });
            return JSON.objectNode().put("number", number).put("printed", true);
        });
    }

    public CommandHandler printTest() {
        return printing(command -> {
            refusalsAsErrors(() -> {
                tickets.printTestPage();
                return null;
            });
            return JSON.objectNode().put("printed", true);
        });
    }

    /** Replaces the category list, validated by the configuration file's rules; persists across restarts. */
    public CommandHandler categories() {
        return outsideTransaction(command -> {
            JsonNode list = command.args().get("categories");
            List<ConfigError> errors = new ArrayList<>();
            List<Category> parsed = ConfigLoader.parseCategories(list, errors);
            if (!errors.isEmpty()) {
                throw CommandException.invalid(errors.getFirst().key(), errors.getFirst().message());
            }
            if (parsed.isEmpty()) {
                throw CommandException.invalid("categories", "at least one category is needed");
            }
            refusalsAsErrors(() -> {
                tickets.replaceCategories(parsed);
                return null;
            });
            ObjectNode result = JSON.objectNode();
            ArrayNode codes = result.putArray("categories");
            parsed.forEach(c -> codes.add(c.code()));
            return result;
        });
    }

    /** A handler that prints: outside the result's transaction, and rate-limited by the processor. */
    private static CommandHandler printing(CommandHandler handler) {
        return new CommandHandler() {
            @Override
            public JsonNode execute(Command command) throws CommandException {
                return handler.execute(command);
            }

            @Override
            public boolean transactional() {
                return false;
            }

            @Override
            public boolean prints() {
                return true;
            }
        };
    }

    private interface TicketWork<T> {
        T run();
    }

    /** The queue's refusals reach the result as they are (CommandProcessor maps every refusal to its word). */
    private static <T> T refusalsAsErrors(TicketWork<T> work) {
        return work.run();
    }

    /** Printing and reconfiguring run outside the result's transaction: they hold other locks for a while. */
    private static CommandHandler outsideTransaction(CommandHandler handler) {
        return new CommandHandler() {
            @Override
            public JsonNode execute(Command command) throws CommandException {
                return handler.execute(command);
            }

            @Override
            public boolean transactional() {
                return false;
            }
        };
    }
}
