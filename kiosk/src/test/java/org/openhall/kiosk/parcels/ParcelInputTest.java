package org.openhall.kiosk.parcels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParcelInputTest {
    static ParcelInput valid() {
        return ParcelInput.of("户籍证明", "朱晓荣", "13812341234", "武泉街道幸福小区3栋2单元501", "下午送");
    }

    private static void refused(String field, Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(ParcelRefusedException.class)
                .satisfies(e -> {
                    assertThat(((ParcelRefusedException) e).code()).isEqualTo("invalid_argument");
                    assertThat(((ParcelRefusedException) e).field()).isEqualTo(field);
                });
    }

    @Test
    void fieldsAreTrimmedAndTheNoteIsOptional() {
        ParcelInput p = ParcelInput.of("  户籍证明 ", " 朱晓荣", "138 1234 1234", "幸福小区", null);
        assertThat(p.matter()).isEqualTo("户籍证明");
        assertThat(p.residentName()).isEqualTo("朱晓荣");
        assertThat(p.note()).isEmpty();
        assertThat(p.maskedName()).isEqualTo("朱*荣");
        assertThat(p.maskedPhone()).isEqualTo("138****1234");
    }

    @Test
    void requiredFieldsMayNotBeBlank() {
        refused("matter", () -> ParcelInput.of(" ", "朱晓荣", "13812341234", "幸福小区", ""));
        refused("residentName", () -> ParcelInput.of("户籍证明", null, "13812341234", "幸福小区", ""));
        refused("phone", () -> ParcelInput.of("户籍证明", "朱晓荣", "", "幸福小区", ""));
        refused("address", () -> ParcelInput.of("户籍证明", "朱晓荣", "13812341234", "", ""));
    }

    @Test
    void sizesAreBoundedInCharactersNotBytes() {
        assertThat(ParcelInput.of("事".repeat(64), "朱晓荣", "13812341234", "址".repeat(128), "注".repeat(200))).isNotNull();
        refused("matter", () -> ParcelInput.of("事".repeat(65), "朱晓荣", "13812341234", "幸福小区", ""));
        refused("residentName", () -> ParcelInput.of("户籍证明", "名".repeat(33), "13812341234", "幸福小区", ""));
        refused("address", () -> ParcelInput.of("户籍证明", "朱晓荣", "13812341234", "址".repeat(129), ""));
        refused("note", () -> ParcelInput.of("户籍证明", "朱晓荣", "13812341234", "幸福小区", "注".repeat(201)));
    }

    @Test
    void controlCharactersAreRefusedEverywhere() {
        refused("matter", () -> ParcelInput.of("户籍\u001b@证明", "朱晓荣", "13812341234", "幸福小区", ""));
        refused("residentName", () -> ParcelInput.of("户籍证明", "朱\n晓荣", "13812341234", "幸福小区", ""));
        refused("address", () -> ParcelInput.of("户籍证明", "朱晓荣", "13812341234", "幸福\u2028小区", ""));
        refused("note", () -> ParcelInput.of("户籍证明", "朱晓荣", "13812341234", "幸福小区", "a\u0000b"));
    }

    @Test
    void phonesAreDigitsWithUsualSeparators() {
        assertThat(ParcelInput.of("户籍证明", "朱晓荣", "+86 (138) 1234-1234", "幸福小区", "").phone())
                .isEqualTo("+86 (138) 1234-1234");
        refused("phone", () -> ParcelInput.of("户籍证明", "朱晓荣", "1234", "幸福小区", ""));
        refused("phone", () -> ParcelInput.of("户籍证明", "朱晓荣", "138abc41234", "幸福小区", ""));
        refused("phone", () -> ParcelInput.of("户籍证明", "朱晓荣", "1".repeat(21), "幸福小区", ""));
    }

    @Test
    void toStringNeverShowsThePersonalFields() {
        assertThat(valid().toString()).doesNotContain("朱晓荣", "13812341234", "幸福小区", "下午送").contains("朱*荣");
    }
}
