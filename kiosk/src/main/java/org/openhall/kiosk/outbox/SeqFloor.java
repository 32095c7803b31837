package org.openhall.kiosk.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openhall.kiosk.storage.DurableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lower bound for the next sequence number kept outside the database, so that a database that had to be
 * replaced (corruption) never makes {@code seq} go back. Reserved in blocks to keep SD card writes rare:
 * the file always holds a value above every seq handed out.
 */
final class SeqFloor {
    private static final Logger log = LoggerFactory.getLogger(SeqFloor.class);
    static final long BLOCK = 1_000;
    private final Path file;

    SeqFloor(Path file) {
        this.file = file;
    }

    long read() {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            log.warn("seq floor {} unreadable ({}): relying on the database's own counter", file, e.toString());
            return 0;
        }
    }

    /** Durably records that no seq below {@code floor} may be handed out again. */
    void write(long floor) {
        DurableFile.write(file, floor + "\n");
    }
}
