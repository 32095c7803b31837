package org.openhall.kiosk.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteLibraryTest {
    private static final String RESOURCE = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();

    @TempDir
    Path dir;

    @Test
    void theFirstStartCopiesTheDriversOwnLibraryAndRecordsWhichOneItIs() throws Exception {
        Path lib = SqliteLibrary.copyIn(dir, () -> Optional.of(RESOURCE)).orElseThrow();

        assertArrayEquals(jarBytes(), Files.readAllBytes(lib));
        assertEquals(RESOURCE, Files.readString(dir.resolve(SqliteLibrary.RESOURCE_FILE)).strip());
    }

    @Test
    void laterStartsUseTheCopyWithoutAskingTheDriverOrWritingAgain() throws Exception {
        Path lib = SqliteLibrary.copyIn(dir, () -> Optional.of(RESOURCE)).orElseThrow();
        FileTime written = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(lib, written);

        Path again = SqliteLibrary.copyIn(dir, () -> {
            throw new AssertionError("asked the driver although the copy records its resource");
        }).orElseThrow();

        assertEquals(lib, again);
        assertEquals(written, Files.getLastModifiedTime(again));
    }

    @Test
    void aDamagedCopyOfTheSameSizeIsReplacedNotLoaded() throws Exception {
        Path lib = SqliteLibrary.copyIn(dir, () -> Optional.of(RESOURCE)).orElseThrow();
        byte[] bytes = Files.readAllBytes(lib);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(lib, bytes);

        Path again = SqliteLibrary.copyIn(dir, () -> Optional.of(RESOURCE)).orElseThrow();

        assertArrayEquals(jarBytes(), Files.readAllBytes(again));
    }

    @Test
    void aTruncatedCopyIsReplaced() throws Exception {
        Path lib = SqliteLibrary.copyIn(dir, () -> Optional.of(RESOURCE)).orElseThrow();
        Files.write(lib, new byte[100]);

        assertArrayEquals(jarBytes(), Files.readAllBytes(SqliteLibrary.copyIn(dir, () -> Optional.of(RESOURCE)).orElseThrow()));
    }

    @Test
    void aResourceTheJarDoesNotHoldLeavesTheDriverToItsOwnWay() throws Exception {
        assertTrue(SqliteLibrary.copyIn(dir, () -> Optional.of("/org/sqlite/native/Plan9/mips/libsqlitejdbc.so")).isEmpty());
        assertTrue(SqliteLibrary.copyIn(dir, Optional::empty).isEmpty());
    }

    private static byte[] jarBytes() throws Exception {
        try (InputStream in = SqliteLibraryTest.class.getResourceAsStream(RESOURCE)) {
            return in.readAllBytes();
        }
    }
}
