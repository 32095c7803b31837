package org.openhall.kiosk.terminal;

/** Byte search in printer output. */
final class ParcelLayoutBytes {
    private ParcelLayoutBytes() {}

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
