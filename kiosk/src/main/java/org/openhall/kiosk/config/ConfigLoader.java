package org.openhall.kiosk.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openhall.kiosk.json.Json;

/**
 * Parses the TOML configuration into {@link KioskConfig}, collecting every error with its key path before
 * anything else happens. Has no side effects beyond reading the config and the files it names.
 */
public final class ConfigLoader {
    static final int MIN_PIN = 0;
    static final int MAX_PIN = 27;
    static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$");
    static final Pattern WINDOW = Pattern.compile("^[A-Za-z0-9_-]{1,16}$");
    /** A DNS name: dot-separated labels of letters, digits and inner hyphens. */
    private static final Pattern HOSTNAME = Pattern.compile(
            "^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");
    private static final Pattern QR_PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Set<String> QR_FIELDS = Set.of("site", "kiosk", "ticketId", "number");
    private static final Set<Integer> BAUDS = Set.of(9600, 19200, 38400, 57600, 115200);
    private static final String DEMO_RESOURCE = "/org/openhall/kiosk/config/demo.toml";

    private final TomlFactory tomlFactory = new TomlFactory();
    private final Json json = new Json();
    private final Map<String, String> env;
    private final ZoneId systemZone;

    /** @param env the process environment (for {@code CREDENTIALS_DIRECTORY}); injected for tests */
    public ConfigLoader(Map<String, String> env, ZoneId systemZone) {
        this.env = Map.copyOf(env);
        this.systemZone = systemZone;
    }

    public KioskConfig load(Path file) throws InvalidConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigException(file.toString(), List.of(new ConfigError("(file)", "cannot read: " + e.getMessage())));
        }
        return parse(file.toString(), text);
    }

    /** The built-in demo configuration used by {@code --simulate} without {@code --config}. */
    public KioskConfig demo() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEMO_RESOURCE);
            }
            return parse("(built-in demo)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | InvalidConfigException e) {
            throw new IllegalStateException("built-in demo configuration is broken: " + e.getMessage(), e);
        }
    }

    public KioskConfig parse(String source, String toml) throws InvalidConfigException {
        JsonNode root;
        try (JsonParser parser = tomlFactory.createParser(toml)) {
            root = json.readTree(parser);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new InvalidConfigException(source, List.of(new ConfigError("(syntax)", "not valid TOML" + where + ": " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string", e);
        }
        List<ConfigError> errors = new ArrayList<>();
        Section top = new Section("", root, errors);
        KioskConfig.Identity identity = identity(top.table("kiosk"));
        KioskConfig.MqttSettings mqtt = mqtt(top.table("mqtt"));
        KioskConfig.OutboxSettings outbox = outbox(top.table("outbox"));
        Section telemetrySection = top.table("telemetry");
        var telemetry = new KioskConfig.TelemetrySettings(telemetrySection.integer("interval_s", 60, 5, 86_400));
        telemetrySection.finish();
        KioskConfig.PrinterSettings printer = printer(top.table("printer"));
        KioskConfig.TerminalSettings terminal = terminal(top.table("terminal"));
        Section queue = top.table("queue");
        List<Category> categories = categories(queue.tables("categories"));
        queue.finish();
        List<KioskConfig.TicketButton> buttons = ticketButtons(top.tables("ticket_buttons"), categories);
        List<EvaluatorSettings> evaluators = evaluators(top.tables("evaluators"));
        List<WindowSettings> windows = new WindowsSection(top.tables("windows"), categories).parse();
        DisplaySettings display = WindowsSection.display(top.table("display"));
        top.finish();
        WindowsSection.checkEvaluatorWindows(windows, evaluators, errors);
        WindowsSection.checkScanners(windows, printer.port(), errors);
        checkPinsUnique(buttons, evaluators, windows, errors);
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(source, errors);
        }
        return new KioskConfig(identity, mqtt, outbox, telemetry, printer, terminal, categories, buttons, evaluators,
                windows, display);
    }

    /**
     * Validates a category list as the {@code categories} command sends it (JSON array of objects with
     * code, name, name_en), with the same rules as the configuration file.
     */
    public static List<Category> parseCategories(JsonNode array, List<ConfigError> errors) {
        if (array == null || !array.isArray()) {
            errors.add(new ConfigError("categories", "must be an array of {code, name, name_en}"));
            return List.of();
        }
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            sections.add(new Section("categories[" + i + "]", array.get(i), errors));
        }
        return categories(sections);
    }

    private KioskConfig.Identity identity(Section s) {
        String id = s.required("id", v -> ID.matcher(v).matches(), "letters, digits, '_' or '-', 1 to 64, e.g. \"wq-hall-01\"");
        String site = s.string("site", "default", v -> ID.matcher(v).matches(), "letters, digits, '_' or '-', 1 to 64");
        String zoneName = s.string("timezone", null);
        ZoneId zone = systemZone;
        if (zoneName != null) {
            try {
                zone = ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                s.error("timezone", "\"" + zoneName + "\" is not a time zone: use a region id such as \"Asia/Shanghai\"");
            }
        }
        String dataDir = s.string("data_dir", "/var/lib/kiosk", v -> !v.isBlank(), "a directory path");
        s.finish();
        return new KioskConfig.Identity(id, site, zone, Path.of(dataDir == null || dataDir.isBlank() ? "." : dataDir));
    }

    private KioskConfig.MqttSettings mqtt(Section s) {
        List<String> servers = s.strings("servers", List.of("tcp://127.0.0.1:1883"));
        if (servers.isEmpty()) {
            s.error("servers", "must name at least one broker, e.g. [\"ssl://mqtt.example:8883\"]");
        }
        for (int i = 0; i < servers.size(); i++) {
            String problem = serverProblem(servers.get(i));
            if (problem != null) {
                s.error("servers[" + i + "]", "\"" + servers.get(i) + "\" " + problem);
            }
        }
        String prefix = s.string("topic_prefix", "kiosk/v1",
                v -> !v.isEmpty() && !v.startsWith("/") && !v.endsWith("/") && !v.contains("+") && !v.contains("#"),
                "a topic path without leading or trailing '/' and without '+' or '#'");
        String username = blankToNull(s.string("username", null));
        String password = password(s);
        String ca = existingFile(s, "ca_file");
        String cert = existingFile(s, "cert_file");
        String key = existingFile(s, "key_file");
        if ((cert == null) != (key == null)) {
            s.error(cert == null ? "cert_file" : "key_file", "cert_file and key_file must be given together");
        }
        int keepalive = s.integer("keepalive_s", 30, 5, 3600);
        boolean insecure = s.bool("allow_insecure", false);
        if (password != null && !insecure) {
            for (String server : servers) {
                if (server.startsWith("tcp://") && !isLoopback(server)) {
                    s.error("allow_insecure", "a password would be sent in clear text to " + server
                            + ": use ssl:// or set mqtt.allow_insecure = true");
                    break;
                }
            }
        }
        s.finish();
        return new KioskConfig.MqttSettings(servers, prefix, username, password, ca, cert, key, keepalive, insecure);
    }

    private String password(Section s) {
        String file = blankToNull(s.string("password_file", null));
        Path path = null;
        if (file != null) {
            path = Path.of(file);
        } else if (env.containsKey("CREDENTIALS_DIRECTORY")) {
            Path credential = Path.of(env.get("CREDENTIALS_DIRECTORY"), "mqtt-password");
            path = Files.isReadable(credential) ? credential : null;
        }
        if (path == null) {
            return null;
        }
        try {
            // an empty credential file (the package creates one so LoadCredential= never fails) means none
            return blankToNull(Files.readString(path, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            s.error("password_file", "cannot read \"" + path + "\": " + e.getMessage());
            return null;
        }
    }

    private static String existingFile(Section s, String name) {
        String value = blankToNull(s.string(name, null));
        if (value != null && !Files.isReadable(Path.of(value))) {
            s.error(name, "\"" + value + "\" is not a readable file");
        }
        return value;
    }

    static String serverProblem(String server) {
        if (!server.startsWith("tcp://") && !server.startsWith("ssl://")) {
            return "must start with tcp:// or ssl://";
        }
        try {
            URI uri = new URI(server);
            if (uri.getHost() == null) {
                return "has no host name";
            }
            if (uri.getPort() < 1) {
                return "needs a port, e.g. ssl://mqtt.example:8883";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a valid URI";
        }
    }

    /** A real parse: "127.evil.example" is a name, not loopback (only 127.0.0.0/8, ::1 and localhost are). */
    static boolean isLoopback(String server) {
        try {
            return IpLiteral.isLoopbackHost(new URI(server).getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static KioskConfig.OutboxSettings outbox(Section s) {
        long max = s.integer("max_events", 1_000_000L, 1_000L, 100_000_000L);
        int ttl = s.integer("telemetry_ttl_h", 168, 1, 8_760);
        s.finish();
        return new KioskConfig.OutboxSettings(max, ttl);
    }

    private static KioskConfig.PrinterSettings printer(Section s) {
        String port = s.string("port", "");
        int baud = s.integer("baud", 115_200, 1_200, 921_600);
        if (s.has("baud") && !BAUDS.contains(baud)) {
            s.error("baud", baud + " is not a standard printer rate: use one of " + new java.util.TreeSet<>(BAUDS));
        }
        String encoding = s.string("encoding", "GB18030", ConfigLoader::isCharset, "a Java charset name such as GB18030, GBK or UTF-8");
        int columns = s.integer("columns", 48, 24, 64);
        boolean query = s.bool("query_status", true);
        String qr = s.string("qr", "{ticketId}", PrintableText::clean, PrintableText.EXPECTATION);
        if (qr != null) {
            Matcher m = QR_PLACEHOLDER.matcher(qr);
            while (m.find()) {
                if (!QR_FIELDS.contains(m.group(1))) {
                    s.error("qr", "unknown placeholder {" + m.group(1) + "}: use {site}, {kiosk}, {ticketId} or {number}");
                }
            }
        }
        String footer = s.string("footer", "", PrintableText::clean, PrintableText.EXPECTATION);
        s.finish();
        return new KioskConfig.PrinterSettings(port == null ? "" : port, baud, encoding, columns, query, qr, footer);
    }

    private static boolean isCharset(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static KioskConfig.TerminalSettings terminal(Section s) {
        String listen = s.string("listen", "127.0.0.1:8080");
        List<String> hostnames = s.strings("hostnames", List.of());
        for (int i = 0; i < hostnames.size(); i++) {
            if (!HOSTNAME.matcher(hostnames.get(i)).matches()) {
                s.error("hostnames[" + i + "]", "\"" + hostnames.get(i) + "\" is not a host name, e.g. \"kiosk-01.hall.example\"");
            }
        }
        List<String> trusted = s.strings("trusted_clients", List.of());
        List<AddressRange> ranges = new ArrayList<>();
        for (int i = 0; i < trusted.size(); i++) {
            int index = i;
            AddressRange.parse(trusted.get(i)).ifPresentOrElse(ranges::add, () -> s.error("trusted_clients[" + index + "]",
                    "\"" + trusted.get(index) + "\" is not an IP address or CIDR block, e.g. \"192.168.1.20\" or \"192.168.1.0/24\""));
        }
        int maxConnections = s.integer("max_connections", KioskConfig.TerminalSettings.DEFAULT_MAX_CONNECTIONS, 1, 1024);
        s.finish();
        int colon = listen == null ? -1 : listen.lastIndexOf(':');
        if (colon <= 0) {
            s.error("listen", "\"" + listen + "\" must be host:port, e.g. \"127.0.0.1:8080\"");
            return new KioskConfig.TerminalSettings("127.0.0.1", 8080, hostnames, ranges, maxConnections);
        }
        String host = listen.substring(0, colon).replace("[", "").replace("]", "");
        int port = 8080;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            s.error("listen", "\"" + listen + "\" has no valid port (0 to 65535)");
            port = 8080;
        }
        return new KioskConfig.TerminalSettings(host, port, hostnames, ranges, maxConnections);
    }

    private static List<Category> categories(List<Section> tables) {
        List<Category> out = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (Section t : tables) {
            String code = t.required("code", v -> Category.CODE.matcher(v).matches(), "one capital letter A-Z");
            String name = t.required("name", v -> !v.isBlank() && v.length() <= 32 && PrintableText.clean(v),
                    "a name of 1 to 32 characters, " + PrintableText.EXPECTATION);
            String nameEn = t.string("name_en", null, v -> v.length() <= 48 && PrintableText.clean(v),
                    "at most 48 characters, " + PrintableText.EXPECTATION);
            t.finish();
            if (code != null && !codes.add(code)) {
                t.error("code", "duplicate category code \"" + code + "\"");
            }
            if (code != null && name != null) {
                out.add(new Category(code, name, nameEn == null ? name : nameEn));
            }
        }
        return out;
    }

    private static List<KioskConfig.TicketButton> ticketButtons(List<Section> tables, List<Category> categories) {
        List<KioskConfig.TicketButton> out = new ArrayList<>();
        for (Section t : tables) {
            String category = t.required("category", v -> categories.stream().anyMatch(c -> c.code().equals(v)),
                    "the code of a [[queue.categories]] entry");
            int pin = t.integer("pin", -1, MIN_PIN, MAX_PIN);
            if (!t.has("pin")) {
                t.error("pin", "is required: a BCM pin number " + MIN_PIN + "-" + MAX_PIN);
            }
            t.finish();
            out.add(new KioskConfig.TicketButton(category, pin));
        }
        return out;
    }

    private static List<EvaluatorSettings> evaluators(List<Section> tables) {
        List<EvaluatorSettings> out = new ArrayList<>();
        Set<String> windows = new HashSet<>();
        for (Section t : tables) {
            String window = t.required("window", v -> WINDOW.matcher(v).matches(), "1 to 16 letters, digits, '_' or '-'");
            if (window != null && !windows.add(window)) {
                t.error("window", "duplicate window \"" + window + "\"");
            }
            Map<String, Integer> buttons = buttons(t.table("buttons"));
            if (!t.has("buttons")) {
                t.error("buttons", "is required: e.g. { satisfied = 5, dissatisfied = 6 }");
            }
            Integer ledOk = t.optionalPin("led_ok");
            Integer ledBusy = t.optionalPin("led_busy");
            int lockout = t.integer("lockout_s", 3, 0, 60);
            boolean invite = t.bool("require_invite", false);
            int inviteS = t.integer("invite_s", 60, 5, 3_600);
            t.finish();
            out.add(new EvaluatorSettings(window, buttons, ledOk, ledBusy, lockout, invite, inviteS));
        }
        return out;
    }

    private static Map<String, Integer> buttons(Section s) {
        Map<String, Integer> found = new HashMap<>();
        for (String level : EvaluatorSettings.LEVELS) {
            if (s.has(level)) {
                found.put(level, s.integer(level, -1, MIN_PIN, MAX_PIN));
            }
        }
        for (String name : s.keys()) {
            if (!EvaluatorSettings.LEVELS.contains(name)) {
                s.raw(name);
                s.error(name, "unknown level: use " + String.join(", ", EvaluatorSettings.LEVELS));
            }
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        EvaluatorSettings.LEVELS.stream().filter(found::containsKey).forEach(l -> ordered.put(l, found.get(l)));
        return ordered;
    }

    private static void checkPinsUnique(List<KioskConfig.TicketButton> buttons, List<EvaluatorSettings> evaluators,
            List<WindowSettings> windows, List<ConfigError> errors) {
        Map<Integer, String> owners = new HashMap<>();
        for (int i = 0; i < buttons.size(); i++) {
            claim(owners, buttons.get(i).pin(), "ticket_buttons[" + i + "].pin", errors);
        }
        for (int i = 0; i < evaluators.size(); i++) {
            EvaluatorSettings e = evaluators.get(i);
            String base = "evaluators[" + i + "].";
            e.buttons().forEach((level, pin) -> claim(owners, pin, base + "buttons." + level, errors));
            claim(owners, e.ledOk(), base + "led_ok", errors);
            claim(owners, e.ledBusy(), base + "led_busy", errors);
        }
        for (int i = 0; i < windows.size(); i++) {
            String base = "windows[" + i + "].caller.";
            windows.get(i).caller().forEach((key, pin) -> claim(owners, pin, base + key, errors));
        }
    }

    private static void claim(Map<Integer, String> owners, Integer pin, String key, List<ConfigError> errors) {
        if (pin == null || pin < 0) {
            return;
        }
        String previous = owners.putIfAbsent(pin, key);
        if (previous != null) {
            errors.add(new ConfigError(key, "pin " + pin + " is already used by " + previous));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
