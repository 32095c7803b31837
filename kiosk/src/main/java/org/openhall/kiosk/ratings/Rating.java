package org.openhall.kiosk.ratings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.openhall.kiosk.json.Json;

/**
 * One rating as recorded: who was rated (window, and ticket and staff when known) and how. Nothing about
 * the resident who pressed is known or kept.
 */
record Rating(String window, Level level, String ticket, String staff, String channel, List<String> reasons,
        Instant at) {

    /** The {@code rating.submitted} data of the contract; {@code reasons} is empty unless a bad rating said why. */
    ObjectNode toData(Json json) {
        ObjectNode data = json.createObjectNode();
        data.put("window", window);
        data.put("level", level.wireName());
        data.put("score", level.score());
        data.put("verdict", level.verdict());
        data.put("ticket", ticket);
        data.put("staff", staff);
        data.put("channel", channel);
        reasons.forEach(data.putArray("reasons")::add);
        return data;
    }
}
