package org.openhall.kiosk.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeqFloorTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingFloorIsZero() {
        assertThat(new SeqFloor(tmp.resolve("seq.floor")).read()).isZero();
    }

    @Test
    void aWrittenFloorIsReadBackByAFreshInstanceAndNoTemporaryFileRemains() throws Exception {
        new SeqFloor(tmp.resolve("seq.floor")).write(12_345);
        assertThat(new SeqFloor(tmp.resolve("seq.floor")).read()).isEqualTo(12_345);
        try (var files = Files.list(tmp)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("seq.floor");
        }
    }

    @Test
    void aLaterWriteReplacesTheValue() {
        SeqFloor floor = new SeqFloor(tmp.resolve("seq.floor"));
        floor.write(1_000);
        floor.write(2_000);
        assertThat(floor.read()).isEqualTo(2_000);
    }

    @Test
    void anUnreadableFloorCountsAsNoneSoTheDatabaseDecides() throws Exception {
        Files.writeString(tmp.resolve("seq.floor"), "garbage\n");
        assertThat(new SeqFloor(tmp.resolve("seq.floor")).read()).isZero();
    }
}
