package org.openhall.centre.reports;

import java.util.Optional;

/** The periodic reports of the hall: 日报告 daily, 周通报 weekly (written on Mondays), 月汇总 monthly (on the 1st). */
public enum PeriodKind {
    DAILY("daily", "日报告", "Daily report"),
    WEEKLY("weekly", "周通报", "Weekly bulletin"),
    MONTHLY("monthly", "月汇总", "Monthly summary");

    private final String wireName;
    private final String chinese;
    private final String english;

    PeriodKind(String wireName, String chinese, String english) {
        this.wireName = wireName;
        this.chinese = chinese;
        this.english = english;
    }

    public String wireName() {
        return wireName;
    }

    public String title() {
        return chinese + " " + english;
    }

    public static Optional<PeriodKind> byName(String name) {
        for (PeriodKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
