package org.openhall.kiosk.parcels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openhall.kiosk.printer.FilePrinterLink;
import org.openhall.kiosk.printer.Printer;
import org.openhall.kiosk.testing.LogCapture;
import org.openhall.kiosk.testing.TestClock;

/** A window's serial scanner scans into that window's open hand-over; refusals change nothing and log no code. */
class SerialScansTest {
    @TempDir
    Path dir;
    private final List<ScanOutcome> outcomes = new ArrayList<>();

    private ParcelFixture open() {
        return new ParcelFixture(dir, TestClock.fixed(Instant.parse("2026-03-08T01:00:00Z"), ZoneId.of("Asia/Shanghai")),
                new Printer(FilePrinterLink.file(dir.resolve("paper.bin")), true));
    }

    @Test
    void aCodeIsAddedToTheWindowsOpenHandOverAndRefusalsChangeNothing() {
        try (ParcelFixture f = open(); LogCapture log = new LogCapture(SerialScans.class)) {
            f.parcels.replaceWorkers(List.of(new Worker("W01", "李四")));
            Parcel p = f.parcels.register(ParcelInputTest.valid(), "3");
            SerialScans window3 = new SerialScans(f.parcels, "3", outcomes::add);

            window3.code(p.parcelId());
            assertThat(outcomes).containsExactly(new ScanOutcome("3", null, "unknown_handover", null));

            Handover h = f.parcels.startHandover("3", "W01");
            Handover other = f.parcels.startHandover("4", "W01");
            window3.code(p.parcelId().toUpperCase());
            window3.code(p.number());
            window3.code("no-such-parcel-code");
            window3.overlong();

            assertThat(outcomes.subList(1, 5)).containsExactly(new ScanOutcome("3", h.handoverId(), null, null),
                    new ScanOutcome("3", h.handoverId(), "already_scanned", "code"),
                    new ScanOutcome("3", h.handoverId(), "unknown_parcel", "code"),
                    new ScanOutcome("3", h.handoverId(), "invalid_argument", "code"));
            assertThat(f.parcels.handover("3", h.handoverId()).parcels()).extracting(Parcel::parcelId)
                    .containsExactly(p.parcelId());
            assertThat(f.parcels.handover("4", other.handoverId()).parcels()).isEmpty();
            assertThat(log.lines()).hasSize(5).noneMatch(l -> l.contains("no-such-parcel-code") || l.contains(p.parcelId()));

            f.parcels.confirm("3", h.handoverId());
            Handover next = f.parcels.startHandover("3", "W01");
            window3.code(p.parcelId());
            assertThat(outcomes.getLast()).isEqualTo(new ScanOutcome("3", next.handoverId(), "already_handed_over", "code"));
            assertThat(f.parcels.handover("3", next.handoverId()).parcels()).isEmpty();
        }
    }
}
