package org.openhall.kiosk.mqtt;

/** Topic names of the contract: everything under {@code {prefix}/{site}/{kiosk}}. */
public record Topics(String root) {
    public static Topics of(String prefix, String site, String kiosk) {
        return new Topics(prefix + "/" + site + "/" + kiosk);
    }

    public String status() {
        return root + "/status";
    }

    public String commands() {
        return root + "/cmd/+";
    }

    public String under(String suffix) {
        return root + "/" + suffix;
    }

    /** The command name of a topic {@code root/cmd/NAME}, or null when the topic is not a command topic. */
    public String commandName(String topic) {
        String prefix = root + "/cmd/";
        return topic.startsWith(prefix) ? topic.substring(prefix.length()) : null;
    }
}
