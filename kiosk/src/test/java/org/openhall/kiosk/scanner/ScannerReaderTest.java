package org.openhall.kiosk.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openhall.kiosk.testing.LogCapture;

/** The reader thread against a scripted port: codes go on, outages cost one WARN each and are retried. */
class ScannerReaderTest {
    /** Opens when told to; each read takes the next chunk, an IOException ends the connection. */
    private static final class ScriptedPort implements ScannerPort {
        final BlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
        final AtomicInteger opens = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        volatile boolean available = true;

        @Override
        public void open() throws IOException {
            if (!available) {
                throw new IOException("not found");
            }
            opens.incrementAndGet();
        }

        @Override
        public int read(byte[] buffer) throws IOException {
            Object next;
            try {
                next = chunks.poll(50, TimeUnit.MILLISECONDS); // as a real port: waits, then 0
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            if (next instanceof IOException e) {
                throw e;
            }
            if (next == null) {
                return 0;
            }
            byte[] b = ((String) next).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, buffer, 0, b.length);
            return b.length;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }

        @Override
        public String describe() {
            return "/dev/scripted";
        }
    }

    @Test
    void codesArriveAndALostPortIsWarnedOnceAndOpenedAgain() {
        ScriptedPort port = new ScriptedPort();
        List<String> codes = new CopyOnWriteArrayList<>();
        ScannerReader reader = new ScannerReader("3", port, codes::add, () -> {});
        try (LogCapture log = new LogCapture(ScannerReader.class)) {
            reader.start();
            port.chunks.add("P2026030");
            port.chunks.add("8001\r\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> codes.size() == 1);
            assertThat(codes).containsExactly("P20260308001");

            port.available = false;
            port.chunks.add(new IOException("gone"));
            await().atMost(Duration.ofSeconds(5)).until(() -> log.count("lost") == 1);
            port.available = true;
            await().atMost(Duration.ofSeconds(10)).until(() -> port.opens.get() == 2);
            port.chunks.add("\r\nP20260308002\r\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> codes.size() == 2);
            assertThat(codes).containsExactly("P20260308001", "P20260308002");
            assertThat(log.lines().stream().filter(l -> l.startsWith("WARN"))).hasSize(1);
        } finally {
            reader.stop();
        }
        assertThat(port.closes.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aPortThatIsNotThereIsWarnedOnceAndTriedWithBackoff() throws Exception {
        ScriptedPort port = new ScriptedPort();
        port.available = false;
        ScannerReader reader = new ScannerReader("3", port, c -> {}, () -> {});
        try (LogCapture log = new LogCapture(ScannerReader.class)) {
            reader.start();
            Thread.sleep(3_500); // tries at 0, 1 s and 3 s
            assertThat(log.lines().stream().filter(l -> l.startsWith("WARN"))).hasSize(1);
            assertThat(log.count("not available")).isEqualTo(1);
        } finally {
            reader.stop();
        }
    }

    @Test
    void aConsumerThatThrowsDoesNotEndTheReader() {
        ScriptedPort port = new ScriptedPort();
        List<String> codes = new CopyOnWriteArrayList<>();
        ScannerReader reader = new ScannerReader("3", port, c -> {
            codes.add(c);
            throw new IllegalStateException("database busy");
        }, () -> {});
        try {
            reader.start();
            port.chunks.add("A\rB\r");
            await().atMost(Duration.ofSeconds(5)).until(() -> codes.size() == 2);
        } finally {
            reader.stop();
        }
    }
}
