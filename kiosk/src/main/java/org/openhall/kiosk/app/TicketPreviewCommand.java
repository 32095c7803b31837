package org.openhall.kiosk.app;

import org.openhall.kiosk.config.ConfigLoader;

/** {@code kiosk ticket-preview}: renders a ticket as PNG. Built with the printer (issue 5). */
final class TicketPreviewCommand {
    private TicketPreviewCommand() {}

    static int run(CommandLine cli, ConfigLoader loader) {
        System.err.println("kiosk: ticket-preview is not available in this build yet");
        return Main.EX_FAILURE;
    }
}
