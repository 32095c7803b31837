package org.openhall.kiosk.parcels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {
    @Test
    void aThreeCharacterNameKeepsFirstAndLast() {
        assertThat(Masking.name("朱晓荣")).isEqualTo("朱*荣");
    }

    @Test
    void aTwoCharacterNameKeepsTheSurnameOnly() {
        assertThat(Masking.name("朱荣")).isEqualTo("朱*");
    }

    @Test
    void fourOrMoreCharactersShowFirstTwoStarsLastWhateverTheLength() {
        assertThat(Masking.name("欧阳晓荣")).isEqualTo("欧**荣");
        assertThat(Masking.name("爱新觉罗启星")).isEqualTo("爱**星");
        assertThat(Masking.name("Maria Gonzalez")).isEqualTo("M**z");
    }

    @Test
    void aOneCharacterNameIsHiddenWhole() {
        assertThat(Masking.name("朱")).isEqualTo("*");
    }

    @Test
    void supplementaryPlaneHanziCountAsOneCharacter() {
        assertThat(Masking.name("𠀀晓𠀁")).isEqualTo("𠀀*𠀁");
    }

    @Test
    void anElevenDigitMobileShowsThreeAndFour() {
        assertThat(Masking.phone("13812341234")).isEqualTo("138****1234");
        assertThat(Masking.phone("138-1234-1234")).isEqualTo("138****1234");
    }

    @Test
    void longerNumbersHideEveryDigitBetweenTheFirstThreeAndTheLastFour() {
        assertThat(Masking.phone("+86 138 1234 1234")).isEqualTo("861******1234");
        assertThat(Masking.phone("0571-88234567")).isEqualTo("057*****4567");
    }

    @Test
    void landlinesOfSevenToTenDigitsShowTheLastFourOnly() {
        assertThat(Masking.phone("82345678")).isEqualTo("****5678");
        assertThat(Masking.phone("1234567")).isEqualTo("***4567");
        assertThat(Masking.phone("(021)6234567")).isEqualTo("******4567");
    }

    @Test
    void shortNumbersShowTheLastTwo() {
        assertThat(Masking.phone("12345")).isEqualTo("***45");
        assertThat(Masking.phone("123456")).isEqualTo("****56");
    }

    @Test
    void noMaskedNumberEverShowsMoreThanSevenDigits() {
        for (int n = 5; n <= 20; n++) {
            String masked = Masking.phone("9".repeat(n));
            assertThat(masked).hasSize(n);
            assertThat(masked.chars().filter(Character::isDigit).count()).as(n + " digits").isLessThanOrEqualTo(Math.min(7, n - 3));
        }
    }
}
