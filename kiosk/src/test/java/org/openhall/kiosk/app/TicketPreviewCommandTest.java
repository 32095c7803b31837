package org.openhall.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.testing.TestKiosk;

class TicketPreviewCommandTest {
    @TempDir
    Path dir;

    private Path config(int columns) throws Exception {
        Path file = dir.resolve("kiosk.toml");
        Files.writeString(file, """
                [kiosk]
                id = "wq-hall-01"
                site = "wuquan"
                timezone = "Asia/Shanghai"
                data_dir = "%s"
                [mqtt]
                servers = ["tcp://127.0.0.1:1"]
                [printer]
                port = "/dev/ttyUSB0"
                columns = %d
                qr = "https://hall.example/t/{site}/{ticketId}?n={number}"
                footer = "请留意叫号 Please wait for your number"
                """.formatted(dir.resolve("data"), columns) + TestKiosk.TWO_CATEGORIES);
        return file;
    }

    @Test
    void writesAPngAtThePaperWidthWhoseQrCodeDecodesToTheConfiguredContent() throws Exception {
        Path png = dir.resolve("ticket.png");

        int exit = Main.run(new String[] {"ticket-preview", "--config", config(48).toString(), "--category", "B", "--out",
                png.toString()}, Map.of());

        assertThat(exit).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(576);
        assertThat(decodeQr(image)).isEqualTo("https://hall.example/t/wuquan/" + TicketPreviewCommand.SAMPLE_TICKET_ID + "?n=B001");
    }

    @Test
    void narrowPaperGivesANarrowImage() throws Exception {
        Path png = dir.resolve("narrow.png");
        assertThat(Main.run(new String[] {"ticket-preview", "--config", config(32).toString(), "--out", png.toString()},
                Map.of())).isZero();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(384);
    }

    @Test
    void anUnknownCategoryOrAMissingOutIsAUsageError() throws Exception {
        Path cfg = config(48);
        assertThat(Main.run(new String[] {"ticket-preview", "--config", cfg.toString(), "--category", "Z", "--out",
                dir.resolve("x.png").toString()}, Map.of())).isEqualTo(Main.EX_USAGE);
        assertThat(Main.run(new String[] {"ticket-preview", "--config", cfg.toString()}, Map.of())).isEqualTo(Main.EX_USAGE);
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    private static String decodeQr(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }
}
