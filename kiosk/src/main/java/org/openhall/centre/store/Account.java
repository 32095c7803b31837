package org.openhall.centre.store;

/** A user who signs in to the pages, or an API token; {@code secretHash} is the stored hash, never the secret. */
public record Account(String name, String role, String secretHash) {}
