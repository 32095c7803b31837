package org.openhall.kiosk.terminal;

/** Handles one method and path of the local API. */
@FunctionalInterface
public interface Route {
    HttpResponse handle(HttpRequest request);
}
