package org.openhall.centre.parcels;

/** Who asks: a signed-in account or token name and its role ({@code admin}, {@code supervisor}, {@code viewer}, {@code worker}). */
public record Viewer(String name, String role) {
    public static final String WORKER = "worker";

    public boolean worker() {
        return WORKER.equals(role);
    }

    /** Supervisors and admins manage the hall's parcels; a worker only the ones handed to them. */
    public boolean manager() {
        return "admin".equals(role) || "supervisor".equals(role);
    }
}
