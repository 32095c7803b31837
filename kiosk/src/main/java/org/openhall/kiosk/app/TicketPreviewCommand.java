package org.openhall.kiosk.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.openhall.kiosk.config.Category;
import org.openhall.kiosk.config.ConfigLoader;
import org.openhall.kiosk.config.InvalidConfigException;
import org.openhall.kiosk.config.KioskConfig;
import org.openhall.kiosk.printer.Receipt;
import org.openhall.kiosk.printer.preview.ReceiptImage;
import org.openhall.kiosk.tickets.IssuedTicket;
import org.openhall.kiosk.tickets.TicketLayout;

/**
 * {@code kiosk ticket-preview --config FILE [--category A] --out FILE.png}: draws the ticket the printer
 * would get for a sample ticket (number 001 of the category, three people ahead, a 12-minute wait) so an
 * administrator can check the layout, the names and the QR content without a printer.
 */
final class TicketPreviewCommand {
    /** A fixed sample id, so the QR code of a preview is the same on every run. */
    static final String SAMPLE_TICKET_ID = "5f1c2d3e-0000-4000-8000-000000000001";

    private TicketPreviewCommand() {}

    static int run(CommandLine cli, ConfigLoader loader) {
        if (cli.config() == null || cli.out() == null) {
            System.err.println("kiosk: ticket-preview needs --config FILE and --out FILE.png");
            return Main.EX_USAGE;
        }
        KioskConfig config;
        try {
            config = loader.load(cli.config());
        } catch (InvalidConfigException e) {
            System.err.print(e.report());
            return Main.EX_CONFIG;
        }
        Optional<Category> category = cli.category() == null ? config.categories().stream().findFirst()
                : config.categories().stream().filter(c -> c.code().equals(cli.category())).findFirst();
        if (category.isEmpty()) {
            System.err.println("kiosk: " + cli.config() + ": no category " + (cli.category() == null ? "configured"
                    : "\"" + cli.category() + "\" (queue.categories)"));
            return Main.EX_USAGE;
        }
        System.setProperty("java.awt.headless", "true");
        Receipt receipt = new TicketLayout(config.printer(), config.kiosk().site(), config.kiosk().id())
                .ticket(sample(category.get(), Clock.system(config.kiosk().timezone())), false);
        ReceiptImage renderer = ReceiptImage.withInstalledFonts();
        BufferedImage image = renderer.render(receipt);
        try {
            if (!ImageIO.write(image, "png", cli.out().toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            System.err.println("kiosk: cannot write " + cli.out() + ": " + e.getMessage());
            return Main.EX_FAILURE;
        }
        System.out.printf("%s: ticket %s001, %d x %d px (%d columns), font %s%n", cli.out(), category.get().code(),
                image.getWidth(), image.getHeight(), receipt.columns(), renderer.fontFamily());
        return Main.EX_OK;
    }

    static IssuedTicket sample(Category c, Clock clock) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return new IssuedTicket(SAMPLE_TICKET_ID, c.code() + "001", c.code(), c.name(), c.nameEn(), false, 3, 12,
                now.toLocalDate(), "terminal", true, now);
    }
}
