package org.openhall.centre.parcels;

/** The resident's full data, read only for the roles allowed to; {@link #toString()} never shows it. */
public record Personal(String residentName, String phone, String address, String note) {
    @Override
    public String toString() {
        return "Personal[***]";
    }
}
