package com.ninebits.sms.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GsmAlphabetTest {

    /**
     * Unicode's GSM0338.TXT, septets 0x00 to 0x7F less the escape at 0x1B, written as code points
     * rather than characters so that this copy cannot share a look-alike typo with the table under
     * test.
     */
    static final int[] BASIC = {
        0x0040, 0x00A3, 0x0024, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC,
        0x00F2, 0x00C7, 0x000A, 0x00D8, 0x00F8, 0x000D, 0x00C5, 0x00E5,
        0x0394, 0x005F, 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8,
        0x03A3, 0x0398, 0x039E, /* 0x1B escape */ 0x00C6, 0x00E6, 0x00DF, 0x00C9,
        0x0020, 0x0021, 0x0022, 0x0023, 0x00A4, 0x0025, 0x0026, 0x0027,
        0x0028, 0x0029, 0x002A, 0x002B, 0x002C, 0x002D, 0x002E, 0x002F,
        0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037,
        0x0038, 0x0039, 0x003A, 0x003B, 0x003C, 0x003D, 0x003E, 0x003F,
        0x00A1, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047,
        0x0048, 0x0049, 0x004A, 0x004B, 0x004C, 0x004D, 0x004E, 0x004F,
        0x0050, 0x0051, 0x0052, 0x0053, 0x0054, 0x0055, 0x0056, 0x0057,
        0x0058, 0x0059, 0x005A, 0x00C4, 0x00D6, 0x00D1, 0x00DC, 0x00A7,
        0x00BF, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067,
        0x0068, 0x0069, 0x006A, 0x006B, 0x006C, 0x006D, 0x006E, 0x006F,
        0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077,
        0x0078, 0x0079, 0x007A, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,
    };

    /** GSM0338.TXT's 0x1B-prefixed entries: form feed ^ { } \ [ ~ ] | €. */
    static final int[] EXTENSION = {
        0x000C, 0x005E, 0x007B, 0x007D, 0x005C, 0x005B, 0x007E, 0x005D, 0x007C, 0x20AC,
    };

    /** Characters that look or feel close to GSM ones but are not in either table. */
    static final int[] NOT_GSM = {
        0x00E7, // ç: only the capital Ç is in the table
        0x00E1, // á
        0x00ED, // í
        0x00C0, // À: only the small à is in the table
        0x20A6, // ₦
        0x0416, // Ж
        0x0436, // ж
        0x4E2D, // 中
        0x03B1, // α: the table has only capital Greek letters that differ from Latin ones
        0x0391, // Α: looks like A but is Greek
        0x2126, // Ω ohm sign, not the Greek capital omega
        0x2206, // ∆ increment, not the Greek capital delta
        0x0060, // ` grave accent: 0x60 is ¿
        0x0009, // tab
        0x001B, // the escape septet is not a character
        0x00A0, // no-break space
        0x2019, // ’ right single quotation mark, as phones autocorrect '
        0x201C, // “
        0x1F600, // 😀
        0xD83D, // a lone high surrogate
        -1,
    };

    static Stream<Arguments> basicCharacters() {
        return labelled(BASIC);
    }

    static Stream<Arguments> extensionCharacters() {
        return labelled(EXTENSION);
    }

    static Stream<Arguments> nonGsmCharacters() {
        return labelled(NOT_GSM);
    }

    private static Stream<Arguments> labelled(int[] codePoints) {
        return Arrays.stream(codePoints).mapToObj(cp -> Arguments.of(label(cp), cp));
    }

    private static String label(int codePoint) {
        if (!Character.isValidCodePoint(codePoint)) {
            return Integer.toString(codePoint);
        }
        String hex = String.format("U+%04X", codePoint);
        return Character.isISOControl(codePoint) || Character.isSurrogate((char) codePoint)
                ? hex
                : hex + " " + Character.toString(codePoint);
    }

    @Test
    void tablesHaveTheStandardSizes() {
        assertEquals(127, BASIC.length);
        assertEquals(10, EXTENSION.length);
        assertEquals(127, IntStream.of(BASIC).distinct().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("basicCharacters")
    void everyBasicCharacterCostsOneSeptet(String label, int codePoint) {
        assertTrue(GsmAlphabet.isBasic(codePoint));
        assertFalse(GsmAlphabet.isExtension(codePoint));
        assertTrue(GsmAlphabet.isGsm7(codePoint));
        assertEquals(1, GsmAlphabet.septets(codePoint));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extensionCharacters")
    void everyExtensionCharacterCostsTwoSeptets(String label, int codePoint) {
        assertTrue(GsmAlphabet.isExtension(codePoint));
        assertFalse(GsmAlphabet.isBasic(codePoint));
        assertTrue(GsmAlphabet.isGsm7(codePoint));
        assertEquals(2, GsmAlphabet.septets(codePoint));
    }

    @Test
    void noOtherCodePointIsInEitherTable() {
        boolean[] basic = new boolean[Character.MAX_CODE_POINT + 1];
        boolean[] extension = new boolean[Character.MAX_CODE_POINT + 1];
        for (int cp : BASIC) {
            basic[cp] = true;
        }
        for (int cp : EXTENSION) {
            extension[cp] = true;
        }
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            int codePoint = cp;
            int expected = basic[cp] ? 1 : extension[cp] ? 2 : 0;
            assertEquals(expected, GsmAlphabet.septets(cp), () -> String.format("U+%04X", codePoint));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonGsmCharacters")
    void charactersOutsideTheTablesHaveNoSeptets(String label, int codePoint) {
        assertFalse(GsmAlphabet.isBasic(codePoint));
        assertFalse(GsmAlphabet.isExtension(codePoint));
        assertFalse(GsmAlphabet.isGsm7(codePoint));
        assertEquals(0, GsmAlphabet.septets(codePoint));
    }
}
