package com.ninebits.sms.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmenterTest {

    private static final String EMOJI = "\uD83D\uDE00"; // 😀, outside the BMP

    @Test
    void emptyBodyIsOneGsmPartOfNoUnits() {
        MessageText text = Segmenter.segment("");

        assertEquals(new MessageText(Encoding.GSM7, 0, List.of("")), text);
        assertEquals(1, Segmenter.partCount(""));
    }

    @Test
    void rejectsMissingBody() {
        assertThrows(NullPointerException.class, () -> Segmenter.segment(null));
        assertThrows(NullPointerException.class, () -> Segmenter.partCount(null));
    }

    @Test
    void shortGsmBodyIsOnePartHoldingTheWholeBody() {
        MessageText text = Segmenter.segment("Your code is 1234");

        assertEquals(new MessageText(Encoding.GSM7, 17, List.of("Your code is 1234")), text);
    }

    @Test
    void greekCapitalsAndAccentsOfTheBasicTableStayGsm() {
        MessageText text = Segmenter.segment("ΔΦΓΛΩΠΨΣΘΞ Çà £5 ¿¡ Øß\r\n");

        assertEquals(Encoding.GSM7, text.encoding());
        assertEquals(24, text.units());
    }

    @ParameterizedTest(name = "{0} septets: {1} part(s)")
    @CsvSource({
        "1, 1",
        "160, 1",
        "161, 2",
        "306, 2",
        "307, 3",
        "459, 3",
        "460, 4",
        "1530, 10",
        "1531, 11",
    })
    void gsmPartBoundaries(int length, int parts) {
        String body = repeat('a', length);
        MessageText text = Segmenter.segment(body);

        assertEquals(Encoding.GSM7, text.encoding());
        assertEquals(length, text.units());
        assertEquals(parts, text.partCount());
        assertEquals(parts, Segmenter.partCount(body));
        assertEquals(body, String.join("", text.parts()));
    }

    @ParameterizedTest(name = "{0} units: {1} part(s)")
    @CsvSource({
        "1, 1",
        "70, 1",
        "71, 2",
        "134, 2",
        "135, 3",
        "201, 3",
        "202, 4",
    })
    void ucs2PartBoundaries(int length, int parts) {
        String body = repeat('ж', length);
        MessageText text = Segmenter.segment(body);

        assertEquals(Encoding.UCS2, text.encoding());
        assertEquals(length, text.units());
        assertEquals(parts, text.partCount());
        assertEquals(parts, Segmenter.partCount(body));
        assertEquals(body, String.join("", text.parts()));
    }

    @Test
    void concatenatedGsmPartsHold153Septets() {
        MessageText text = Segmenter.segment(repeat('a', 161));

        assertEquals(List.of(repeat('a', 153), repeat('a', 8)), text.parts());
    }

    @Test
    void concatenatedUcs2PartsHold67Units() {
        MessageText text = Segmenter.segment(repeat('ж', 71));

        assertEquals(List.of(repeat('ж', 67), repeat('ж', 4)), text.parts());
    }

    @Test
    void extensionCharactersCountTwoSeptets() {
        MessageText text = Segmenter.segment("^{}\\[~]|€\f");

        assertEquals(new MessageText(Encoding.GSM7, 20, List.of("^{}\\[~]|€\f")), text);
    }

    @Test
    void eightyEuroSignsFillOnePart() {
        MessageText text = Segmenter.segment(repeat('€', 80));

        assertEquals(Encoding.GSM7, text.encoding());
        assertEquals(160, text.units());
        assertEquals(1, text.partCount());
    }

    @Test
    void extensionCharacterPushesBodyOverOnePart() {
        MessageText text = Segmenter.segment(repeat('a', 159) + "€");

        assertEquals(161, text.units());
        assertEquals(List.of(repeat('a', 153), "aaaaaa€"), text.parts());
    }

    @Test
    void extensionCharacterAtPartEdgeMovesWhole() {
        MessageText text = Segmenter.segment(repeat('a', 152) + "€" + repeat('a', 10));

        assertEquals(164, text.units());
        assertEquals(List.of(repeat('a', 152), "€" + repeat('a', 10)), text.parts());
    }

    @Test
    void extensionCharacterThatFitsExactlyStaysInThePart() {
        MessageText text = Segmenter.segment(repeat('a', 151) + "€" + repeat('a', 10));

        assertEquals(List.of(repeat('a', 151) + "€", repeat('a', 10)), text.parts());
    }

    @Test
    void extensionCharactersOnlyFillConcatenatedPartsToAnEvenCount() {
        MessageText text = Segmenter.segment(repeat('€', 81));

        assertEquals(162, text.units());
        assertEquals(List.of(repeat('€', 76), repeat('€', 5)), text.parts());
    }

    @Test
    void oneNonGsmCharacterMakesTheWholeMessageUcs2() {
        MessageText text = Segmenter.segment(repeat('a', 159) + "ç");

        assertEquals(Encoding.UCS2, text.encoding());
        assertEquals(160, text.units());
        assertEquals(3, text.partCount());
    }

    @Test
    void extensionCharactersCountOneUnitInUcs2() {
        MessageText text = Segmenter.segment("€ ₦");

        assertEquals(new MessageText(Encoding.UCS2, 3, List.of("€ ₦")), text);
    }

    @Test
    void emojiCountsTwoUnits() {
        MessageText text = Segmenter.segment("Hi " + EMOJI);

        assertEquals(new MessageText(Encoding.UCS2, 5, List.of("Hi " + EMOJI)), text);
    }

    @Test
    void thirtyFiveEmojiFillOnePart() {
        assertEquals(1, Segmenter.partCount(EMOJI.repeat(35)));
        assertEquals(2, Segmenter.partCount(EMOJI.repeat(36)));
    }

    @Test
    void emojiStraddlingPartEdgeMovesWhole() {
        String body = repeat('ж', 66) + EMOJI + repeat('ж', 10);
        MessageText text = Segmenter.segment(body);

        assertEquals(78, text.units());
        assertEquals(List.of(repeat('ж', 66), EMOJI + repeat('ж', 10)), text.parts());
    }

    @Test
    void emojiEndingExactlyAtPartEdgeStaysInThePart() {
        String body = repeat('ж', 65) + EMOJI + repeat('ж', 10);
        MessageText text = Segmenter.segment(body);

        assertEquals(List.of(repeat('ж', 65) + EMOJI, repeat('ж', 10)), text.parts());
    }

    @Test
    void emojiOnlyBodyFillsConcatenatedPartsToAnEvenCount() {
        MessageText text = Segmenter.segment(EMOJI.repeat(36));

        assertEquals(72, text.units());
        assertEquals(List.of(EMOJI.repeat(33), EMOJI.repeat(3)), text.parts());
    }

    @Test
    void loneSurrogateCountsOneUnitAndForcesUcs2() {
        MessageText text = Segmenter.segment("a\uD83Db");

        assertEquals(new MessageText(Encoding.UCS2, 3, List.of("a\uD83Db")), text);
    }

    private static String repeat(char c, int times) {
        return String.valueOf(c).repeat(times);
    }
}
