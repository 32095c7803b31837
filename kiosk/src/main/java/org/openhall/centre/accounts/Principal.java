package org.openhall.centre.accounts;

/** Who makes a request: a signed-in user or an API token's name, with the role. */
public record Principal(String name, Role role, boolean viaToken) {}
