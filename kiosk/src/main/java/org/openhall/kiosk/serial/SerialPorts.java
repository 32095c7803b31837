package org.openhall.kiosk.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;

/** What the serial adapters (the printer's, the barcode scanner's) set up alike on a jSerialComm port. */
public final class SerialPorts {
    private SerialPorts() {}

    /** The port of {@code device} at {@code baud}, 8N1 without flow control; not opened yet. */
    public static SerialPort eightNone1(String device, int baud) {
        SerialPort port = SerialPort.getCommPort(device);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        return port;
    }

    /** Runs {@code lost} when the opened port reports that its device went away. */
    public static void onDisconnect(SerialPort port, Runnable lost) {
        port.addDataListener(new SerialPortDataListener() {
            @Override
            public int getListeningEvents() {
                return SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
            }

            @Override
            public void serialEvent(SerialPortEvent event) {
                lost.run();
            }
        });
    }
}
