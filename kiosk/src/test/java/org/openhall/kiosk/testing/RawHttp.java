package org.openhall.kiosk.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for what {@link Http}'s client will not send (a foreign Host, a bad
 * escape, a half body) and for a keep-alive connection held across a flood. Answers must carry a
 * Content-Length (the server's JSON answers do).
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private String lastHead = "";

    public RawHttp(String host, int port) {
        this(null, host, port);
    }

    /** Connects from {@code localAddress} (null: any) to {@code host:port}. */
    public RawHttp(String localAddress, String host, int port) {
        try {
            socket = new Socket();
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request on a fresh connection to 127.0.0.1. */
    public static Http.Answer once(int port, String request) {
        try (RawHttp raw = new RawHttp("127.0.0.1", port)) {
            return raw.exchange(request);
        }
    }

    /** {@code POST path} with a JSON body and the given extra header lines (each ending in CRLF). */
    public static String post(String path, String host, String extraHeaders, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "Content-Length: " + bytes.length
                + "\r\n\r\n" + body;
    }

    public static String get(String path, String host, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "\r\n";
    }

    /** Sends {@code request} (ISO-8859-1 headers, UTF-8 body) and reads one answer. */
    public Http.Answer exchange(String request) {
        try {
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readAnswer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Http.Answer readAnswer() throws IOException {
        String head = readHead();
        lastHead = head;
        int status = Integer.parseInt(head.substring(9, 12));
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        return new Http.Answer(status, new String(body, StandardCharsets.UTF_8));
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) { // CR LF CR LF
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes of an answer");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The value of header {@code name} in the last answer read, or null. */
    public String lastHeader(String name) {
        for (String line : lastHead.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    /** True when the server closed the connection within {@code timeoutMs}. */
    public boolean closedWithin(int timeoutMs) {
        try {
            socket.setSoTimeout(timeoutMs);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    public OutputStream output() {
        return out;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
