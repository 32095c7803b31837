package org.openhall.kiosk.app;

import org.openhall.kiosk.config.Category;
import org.openhall.kiosk.config.EvaluatorSettings;
import org.openhall.kiosk.config.KioskConfig;

/** The human summary {@code check-config} prints for a valid file. */
final class ConfigSummary {
    private ConfigSummary() {}

    static String of(String source, KioskConfig c) {
        StringBuilder s = new StringBuilder();
        s.append(source).append(": valid\n");
        s.append("  kiosk      ").append(c.kiosk().id()).append(" at site ").append(c.kiosk().site())
                .append(", time zone ").append(c.kiosk().timezone()).append(", data in ").append(c.kiosk().dataDir()).append('\n');
        s.append("  mqtt       ").append(String.join(", ", c.mqtt().servers())).append(" under ").append(c.mqtt().topicPrefix())
                .append('/').append(c.kiosk().site()).append('/').append(c.kiosk().id())
                .append(c.mqtt().password() == null ? ", no password" : ", password set").append('\n');
        s.append("  printer    ").append(c.printer().present() ? c.printer().port() + " at " + c.printer().baud() + " baud, "
                + c.printer().encoding() + ", " + c.printer().columns() + " columns" : "none").append('\n');
        s.append("  terminal   http://").append(c.terminal().host()).append(':').append(c.terminal().port()).append("/\n");
        for (Category cat : c.categories()) {
            s.append("  category   ").append(cat.code()).append(' ').append(cat.name()).append(" / ").append(cat.nameEn()).append('\n');
        }
        for (KioskConfig.TicketButton b : c.ticketButtons()) {
            s.append("  button     pin ").append(b.pin()).append(" takes a ticket for ").append(b.category()).append('\n');
        }
        for (EvaluatorSettings e : c.evaluators()) {
            s.append("  evaluator  window ").append(e.window()).append(": ").append(e.buttons())
                    .append(", lockout ").append(e.lockoutS()).append(" s").append(e.requireInvite() ? ", invite required" : "").append('\n');
        }
        c.windows().stream().filter(w -> w.scanner().present()).forEach(w -> s.append("  scanner    ")
                .append(w.scanner().port()).append(" at ").append(w.scanner().baud()).append(" baud for window ").append(w.id())
                .append('\n'));
        return s.toString();
    }
}
