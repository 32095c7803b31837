package org.openhall.centre.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/** The centre's configuration (interface.md section 8), validated and immutable. */
public record CentreConfig(Centre centre, Mqtt mqtt, Database database, Alarms alarms, Followup followup,
        Parcels parcels) {

    public record Centre(String id, Path dataDir, ZoneId timezone, String listenHost, int listenPort) {}

    /** {@code password} is the content of {@code password_file}, read at load time; never logged. */
    public record Mqtt(List<String> servers, String topicPrefix, String username, String password, String caFile,
            String certFile, String keyFile, int keepaliveS, String sharedGroup) {
        public Mqtt {
            servers = List.copyOf(servers);
        }

        public boolean shared() {
            return !sharedGroup.isEmpty();
        }

        @Override
        public String toString() {
            return "Mqtt[servers=" + servers + ", topicPrefix=" + topicPrefix + ", username=" + username
                    + ", password=" + (password == null ? "none" : "***") + ", sharedGroup=" + sharedGroup + "]";
        }
    }

    /** {@code url} empty: SQLite in {@code data_dir}. */
    public record Database(String url, String username, String password) {
        public boolean embedded() {
            return url.isEmpty();
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
        }
    }

    public record Alarms(int offlineAfterS, int gapAfterS, int backlogEvents) {}

    public record Followup(int deadlineWorkingDays, Path holidaysFile) {}

    /** {@code overdue_days}: a parcel with a grid worker longer than this raises the alarm {@code parcel_overdue}. */
    public record Parcels(int overdueDays) {}
}
