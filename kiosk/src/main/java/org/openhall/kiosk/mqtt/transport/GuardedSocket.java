package org.openhall.kiosk.mqtt.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.util.Set;

/**
 * A plain socket whose input is read through a {@link PacketGuard}; everything else goes to the socket it
 * wraps. (No channel: a caller using one would bypass the guard.)
 */
final class GuardedSocket extends Socket {
    private final Socket inner;
    private final GuardedInput guard;

    GuardedSocket(Socket inner, GuardedInput guard) {
        this.inner = inner;
        this.guard = guard;
    }

    @Override public void connect(SocketAddress endpoint) throws IOException { inner.connect(endpoint); }
    @Override public void connect(SocketAddress endpoint, int timeout) throws IOException { inner.connect(endpoint, timeout); }
    @Override public void bind(SocketAddress bindpoint) throws IOException { inner.bind(bindpoint); }
    @Override public InetAddress getInetAddress() { return inner.getInetAddress(); }
    @Override public InetAddress getLocalAddress() { return inner.getLocalAddress(); }
    @Override public int getPort() { return inner.getPort(); }
    @Override public int getLocalPort() { return inner.getLocalPort(); }
    @Override public SocketAddress getRemoteSocketAddress() { return inner.getRemoteSocketAddress(); }
    @Override public SocketAddress getLocalSocketAddress() { return inner.getLocalSocketAddress(); }
    @Override public SocketChannel getChannel() { return null; }
    @Override public InputStream getInputStream() throws IOException { return guard.of(inner); }
    @Override public OutputStream getOutputStream() throws IOException { return inner.getOutputStream(); }
    @Override public void setTcpNoDelay(boolean on) throws SocketException { inner.setTcpNoDelay(on); }
    @Override public boolean getTcpNoDelay() throws SocketException { return inner.getTcpNoDelay(); }
    @Override public void setSoLinger(boolean on, int linger) throws SocketException { inner.setSoLinger(on, linger); }
    @Override public int getSoLinger() throws SocketException { return inner.getSoLinger(); }
    @Override public void sendUrgentData(int data) throws IOException { inner.sendUrgentData(data); }
    @Override public void setOOBInline(boolean on) throws SocketException { inner.setOOBInline(on); }
    @Override public boolean getOOBInline() throws SocketException { return inner.getOOBInline(); }
    @Override public void setSoTimeout(int timeout) throws SocketException { inner.setSoTimeout(timeout); }
    @Override public int getSoTimeout() throws SocketException { return inner.getSoTimeout(); }
    @Override public void setSendBufferSize(int size) throws SocketException { inner.setSendBufferSize(size); }
    @Override public int getSendBufferSize() throws SocketException { return inner.getSendBufferSize(); }
    @Override public void setReceiveBufferSize(int size) throws SocketException { inner.setReceiveBufferSize(size); }
    @Override public int getReceiveBufferSize() throws SocketException { return inner.getReceiveBufferSize(); }
    @Override public void setKeepAlive(boolean on) throws SocketException { inner.setKeepAlive(on); }
    @Override public boolean getKeepAlive() throws SocketException { return inner.getKeepAlive(); }
    @Override public void setTrafficClass(int tc) throws SocketException { inner.setTrafficClass(tc); }
    @Override public int getTrafficClass() throws SocketException { return inner.getTrafficClass(); }
    @Override public void setReuseAddress(boolean on) throws SocketException { inner.setReuseAddress(on); }
    @Override public boolean getReuseAddress() throws SocketException { return inner.getReuseAddress(); }
    @Override public void close() throws IOException { inner.close(); }
    @Override public void shutdownInput() throws IOException { inner.shutdownInput(); }
    @Override public void shutdownOutput() throws IOException { inner.shutdownOutput(); }
    @Override public String toString() { return "guarded " + inner; }
    @Override public boolean isConnected() { return inner.isConnected(); }
    @Override public boolean isBound() { return inner.isBound(); }
    @Override public boolean isClosed() { return inner.isClosed(); }
    @Override public boolean isInputShutdown() { return inner.isInputShutdown(); }
    @Override public boolean isOutputShutdown() { return inner.isOutputShutdown(); }
    @Override public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        inner.setPerformancePreferences(connectionTime, latency, bandwidth);
    }
    @Override public <T> Socket setOption(SocketOption<T> name, T value) throws IOException { inner.setOption(name, value); return this; }
    @Override public <T> T getOption(SocketOption<T> name) throws IOException { return inner.getOption(name); }
    @Override public Set<SocketOption<?>> supportedOptions() { return inner.supportedOptions(); }
}
