package org.openhall.centre.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses and validates the centre's TOML, collecting every problem with its key before anything starts. */
public final class CentreConfigLoader {
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
    private static final Pattern GROUP = Pattern.compile("^[A-Za-z0-9_-]{0,64}$");
    private static final Set<String> TABLES = Set.of("centre", "mqtt", "database", "alarms", "followup", "parcels");

    private final Map<String, String> env;

    /** @param env the process environment ({@code CREDENTIALS_DIRECTORY} holds systemd credentials) */
    public CentreConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public CentreConfig load(Path file) throws BadConfigException {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadConfigException(file.toString(), List.of(new ConfigProblem("(file)", "cannot read: " + e.getMessage())));
        }
    }

    public CentreConfig parse(String source, String toml) throws BadConfigException {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(toml);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new BadConfigException(source, List.of(new ConfigProblem("(syntax)", "not valid TOML" + where + ": " + e.getOriginalMessage())));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TABLES.contains(name)) {
                problems.add(new ConfigProblem(name, "unknown key (tables: centre, mqtt, database, alarms, followup, parcels)"));
            }
        }
        CentreConfig config = new CentreConfig(centre(new Table("centre", root.get("centre"), problems)),
                mqtt(new Table("mqtt", root.get("mqtt"), problems)),
                database(new Table("database", root.get("database"), problems)),
                alarms(new Table("alarms", root.get("alarms"), problems)),
                followup(new Table("followup", root.get("followup"), problems)),
                parcels(new Table("parcels", root.get("parcels"), problems)));
        if (!problems.isEmpty()) {
            throw new BadConfigException(source, problems);
        }
        return config;
    }

    private CentreConfig.Centre centre(Table t) {
        String id = t.required("id", v -> ID.matcher(v).matches(), "1-64 letters, digits, '.', '_' or '-'");
        String dataDir = t.string("data_dir", "/var/lib/kiosk-centre", v -> !v.isBlank(), "a directory path");
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        String tz = t.string("timezone", "Asia/Shanghai");
        try {
            zone = ZoneId.of(tz);
        } catch (DateTimeException e) {
            t.problem("timezone", "\"" + tz + "\" is not a time zone id such as Asia/Shanghai");
        }
        String listen = t.string("listen", "127.0.0.1:8090");
        String host = "127.0.0.1";
        int port = 8090;
        int colon = listen.lastIndexOf(':');
        try {
            host = listen.substring(0, colon).replace("[", "").replace("]", "");
            port = Integer.parseInt(listen.substring(colon + 1));
            if (host.isEmpty() || port < 0 || port > 65535) {
                throw new NumberFormatException(listen);
            }
        } catch (RuntimeException e) {
            t.problem("listen", "\"" + listen + "\" is not HOST:PORT such as 127.0.0.1:8090");
        }
        t.finish();
        return new CentreConfig.Centre(id, Path.of(dataDir), zone, host, port);
    }

    private CentreConfig.Mqtt mqtt(Table t) {
        List<String> servers = t.strings("servers", List.of("tcp://127.0.0.1:1883"));
        for (String server : servers) {
            if (!validServer(server)) {
                t.problem("servers", "\"" + server + "\" is not tcp://HOST:PORT or ssl://HOST:PORT");
            }
        }
        String prefix = t.string("topic_prefix", "kiosk/v1",
                v -> !v.isEmpty() && !v.startsWith("/") && !v.endsWith("/") && !v.contains("+") && !v.contains("#"),
                "a topic path without leading or trailing '/' and without '+' or '#'");
        String username = blankToNull(t.string("username", ""));
        String password = secret(t, "password_file", "mqtt-password");
        String ca = existing(t, "ca_file");
        String cert = existing(t, "cert_file");
        String key = existing(t, "key_file");
        if ((cert == null) != (key == null)) {
            t.problem(cert == null ? "cert_file" : "key_file", "cert_file and key_file go together");
        }
        int keepalive = t.integer("keepalive_s", 30, 5, 3600);
        String group = t.string("shared_group", "", v -> GROUP.matcher(v).matches(), "\"\" or up to 64 letters, digits, '_' or '-'");
        t.finish();
        return new CentreConfig.Mqtt(servers, prefix, username, password, ca, cert, key, keepalive, group);
    }

    private CentreConfig.Database database(Table t) {
        String url = t.string("url", "", v -> v.isEmpty() || v.startsWith("jdbc:postgresql://"),
                "\"\" (SQLite in data_dir) or jdbc:postgresql://HOST:PORT/DATABASE");
        String username = blankToNull(t.string("username", ""));
        String password = secret(t, "password_file", "database-password");
        t.finish();
        return new CentreConfig.Database(url, username, password);
    }

    private CentreConfig.Alarms alarms(Table t) {
        int offline = t.integer("offline_after_s", 300, 1, 7 * 86400);
        int gap = t.integer("gap_after_s", 600, 1, 7 * 86400);
        int backlog = t.integer("backlog_events", 1000, 1, Integer.MAX_VALUE);
        t.finish();
        return new CentreConfig.Alarms(offline, gap, backlog);
    }

    private CentreConfig.Followup followup(Table t) {
        int days = t.integer("deadline_working_days", 5, 1, 60);
        String holidays = existing(t, "holidays_file");
        if (holidays != null) {
            try {
                org.openhall.centre.cases.HolidaysFile.load(Path.of(holidays));
            } catch (org.openhall.centre.cases.HolidaysFile.InvalidHolidaysException e) {
                t.problem("holidays_file", e.getMessage());
                holidays = null;
            }
        }
        t.finish();
        return new CentreConfig.Followup(days, holidays == null ? null : Path.of(holidays));
    }

    private CentreConfig.Parcels parcels(Table t) {
        int overdue = t.integer("overdue_days", 3, 1, 365);
        t.finish();
        return new CentreConfig.Parcels(overdue);
    }

    private static boolean validServer(String server) {
        try {
            URI uri = new URI(server);
            return ("tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme())) && uri.getHost() != null && uri.getPort() > 0;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String existing(Table t, String field) {
        String value = blankToNull(t.string(field, ""));
        if (value != null && !Files.isReadable(Path.of(value))) {
            t.problem(field, "cannot read \"" + value + "\"");
            return null;
        }
        return value;
    }

    /** The secret file named by the key, or else the systemd credential of that name; its content trimmed. */
    private String secret(Table t, String field, String credential) {
        String file = blankToNull(t.string(field, ""));
        Path path = null;
        if (file != null) {
            path = Path.of(file);
        } else if (env.containsKey("CREDENTIALS_DIRECTORY")) {
            Path candidate = Path.of(env.get("CREDENTIALS_DIRECTORY"), credential);
            path = Files.isReadable(candidate) ? candidate : null;
        }
        if (path == null) {
            return null;
        }
        try {
            String secret = Files.readString(path, StandardCharsets.UTF_8).strip();
            return secret.isEmpty() ? null : secret;
        } catch (IOException e) {
            t.problem(field, "cannot read \"" + path + "\"");
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
