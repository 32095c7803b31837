package org.openhall.centre.ingest;

import org.openhall.centre.store.Envelope;
import org.openhall.centre.store.Presence;

/** What a delivery turned out to be. */
public sealed interface Parsed {
    record Event(Envelope envelope) implements Parsed {}

    record Status(Presence presence) implements Parsed {}

    /** Nothing to store: an empty retained status (a cleared topic). */
    record Nothing() implements Parsed {}

    /** Not an event of the contract: counted and logged, never stored. {@code reason} is a snake_case word. */
    record Junk(String reason, String detail) implements Parsed {}
}
