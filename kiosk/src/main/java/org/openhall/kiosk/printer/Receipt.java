package org.openhall.kiosk.printer;

import java.util.List;

/**
 * What a ticket looks like on paper, independent of bytes or pixels: the encoder turns it into ESC/POS,
 * the preview into an image, so both show the same ticket. Text lines are already wrapped to the paper.
 */
public record Receipt(int columns, List<Block> blocks) {
    public Receipt {
        blocks = List.copyOf(blocks);
    }

    public enum Align { LEFT, CENTER }

    public sealed interface Block {}

    /** One printed line; {@code scale} 1 to 8 enlarges width and height alike. */
    public record Text(String text, int scale, boolean bold, Align align) implements Block {
        public Text {
            if (scale < 1 || scale > 8) {
                throw new IllegalArgumentException("scale must be 1 to 8: " + scale);
            }
        }
    }

    /** A QR code (model 2, error level M) of {@code moduleDots} printer dots per module. */
    public record Qr(String content, int moduleDots) implements Block {
        public Qr {
            if (moduleDots < 1 || moduleDots > 16) {
                throw new IllegalArgumentException("QR module size must be 1 to 16 dots: " + moduleDots);
            }
        }
    }

    /** Blank lines. */
    public record Feed(int lines) implements Block {}

    /** Feed to the cutter and cut; always last. */
    public record Cut() implements Block {}
}
