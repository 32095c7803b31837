package org.openhall.kiosk.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.openhall.kiosk.ratings.RatingService;

/** {@code serving}: the ticket (and staff) now served at a window; ratings there carry them until replaced. */
public final class ServingHandler implements CommandHandler {
    static final Pattern WINDOW = Pattern.compile("^[A-Za-z0-9_-]{1,16}$");
    static final Pattern FREE_TEXT = Pattern.compile("^[^\\p{Cntrl}]{1,64}$");

    private final RatingService ratings;

    public ServingHandler(RatingService ratings) {
        this.ratings = ratings;
    }

    /**
     * Runs outside the result's transaction: a rating holds its evaluator's lock while it commits, so taking
     * that lock from inside a transaction here could deadlock against a button press.
     */
    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public JsonNode execute(Command command) throws CommandException {
        Args args = new Args(command.args());
        String window = args.string("window", WINDOW, "a window id such as \"1\"");
        String ticket = args.string("ticket", FREE_TEXT, "the ticket number served, e.g. \"A001\"");
        String staff = args.optionalString("staff", FREE_TEXT, "a staff id of 1 to 64 characters");
        ratings.serving(window, ticket, staff);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("window", window);
        result.put("ticket", ticket);
        if (staff == null) {
            result.putNull("staff");
        } else {
            result.put("staff", staff);
        }
        return result;
    }
}
