package com.ninebits.sms.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Segmentation checked against rules written out independently of it, over many random bodies.
 * The seed is fixed so that a failure names a body that can be rebuilt.
 */
class SegmenterPropertyTest {

    private static final long SEED = 0x5E6_03_38L;
    private static final int BODIES = 3000;

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";
    private static final String NON_GSM = "çáíÀ₦ЖжПривет中文字αΑ`\t’“\u00A0";
    private static final int[] EMOJI = {0x1F600, 0x1F44D, 0x1F1F3, 0x1F1EC, 0x1F680, 0x20BB7};

    /** Lengths on and around every part edge up to four parts, so that the edges are not left to chance. */
    private static final int[] EDGE_LENGTHS = {
        0, 1, 66, 67, 68, 69, 70, 71, 72, 133, 134, 135, 136, 152, 153, 154, 159, 160, 161, 162,
        200, 201, 202, 305, 306, 307, 308, 458, 459, 460, 461,
    };

    @Test
    void randomBodiesSplitIntoTheFewestValidPartsThatRebuildTheBody() {
        Random random = new Random(SEED);
        for (int i = 0; i < BODIES; i++) {
            String body = randomBody(random);
            String context = "body #" + i + ": " + describe(body);
            check(body, context);
        }
    }

    private static void check(String body, String context) {
        MessageText text = Segmenter.segment(body);
        boolean gsm = body.chars().allMatch(c -> EXTENSION.indexOf(c) >= 0 || BASIC.indexOf(c) >= 0);
        Encoding encoding = gsm ? Encoding.GSM7 : Encoding.UCS2;
        int[] prefix = prefixUnits(body, encoding);
        int units = prefix[body.length()];

        assertEquals(encoding, text.encoding(), context);
        assertEquals(units, text.units(), context);
        assertEquals(body, String.join("", text.parts()), context);
        assertEquals(text.partCount(), Segmenter.partCount(body), context);

        int room = text.partCount() == 1 ? encoding.singlePartUnits() : encoding.concatenatedPartUnits();
        int offset = 0;
        for (String part : text.parts()) {
            int partUnits = prefix[offset + part.length()] - prefix[offset];
            assertTrue(partUnits <= room, () -> context + ": a part of " + partUnits + " units");
            if (!part.isEmpty()) {
                assertFalse(Character.isLowSurrogate(part.charAt(0)), () -> context + ": part starts mid-pair");
            }
            if (text.partCount() > 1) {
                assertFalse(part.isEmpty(), () -> context + ": empty part");
            }
            offset += part.length();
        }
        assertEquals(fewestParts(body, encoding, prefix), text.partCount(), context);
    }

    /**
     * The least number of parts any valid cut gives, by dynamic programming over every cut point,
     * so that the check does not lean on the greedy argument the segmenter relies on.
     */
    private static int fewestParts(String body, Encoding encoding, int[] prefix) {
        int n = body.length();
        if (prefix[n] <= encoding.singlePartUnits()) {
            return 1;
        }
        int room = encoding.concatenatedPartUnits();
        int[] best = new int[n + 1];
        Arrays.fill(best, Integer.MAX_VALUE);
        best[0] = 0;
        for (int end = 1; end <= n; end++) {
            if (!canCutAt(body, end)) {
                continue;
            }
            for (int start = end - 1; start >= 0 && prefix[end] - prefix[start] <= room; start--) {
                if (best[start] != Integer.MAX_VALUE && canCutAt(body, start)) {
                    best[end] = Math.min(best[end], best[start] + 1);
                }
            }
        }
        return best[n];
    }

    private static boolean canCutAt(String body, int index) {
        return index == 0
                || index == body.length()
                || !(Character.isHighSurrogate(body.charAt(index - 1)) && Character.isLowSurrogate(body.charAt(index)));
    }

    /** Units before each index: septets from the tables above, or UTF-16 code units. */
    private static int[] prefixUnits(String body, Encoding encoding) {
        int[] prefix = new int[body.length() + 1];
        for (int i = 0; i < body.length(); i++) {
            int cost = encoding == Encoding.GSM7 && EXTENSION.indexOf(body.charAt(i)) >= 0 ? 2 : 1;
            prefix[i + 1] = prefix[i] + cost;
        }
        return prefix;
    }

    private static String randomBody(Random random) {
        int codePoints = random.nextInt(4) == 0
                ? EDGE_LENGTHS[random.nextInt(EDGE_LENGTHS.length)]
                : random.nextInt(700);
        int mix = random.nextInt(5);
        StringBuilder body = new StringBuilder(codePoints * 2);
        for (int i = 0; i < codePoints; i++) {
            body.appendCodePoint(randomCodePoint(random, mix));
        }
        return body.toString();
    }

    /**
     * Mixes: 0 basic only; 1 basic with extension; 2 extension-heavy GSM; 3 GSM with an occasional
     * non-GSM character; 4 anything, emoji-heavy.
     */
    private static int randomCodePoint(Random random, int mix) {
        int roll = random.nextInt(100);
        return switch (mix) {
            case 0 -> pick(random, BASIC);
            case 1 -> roll < 85 ? pick(random, BASIC) : pick(random, EXTENSION);
            case 2 -> roll < 40 ? pick(random, BASIC) : pick(random, EXTENSION);
            case 3 -> roll < 80 ? pick(random, BASIC) : roll < 98 ? pick(random, EXTENSION) : pick(random, NON_GSM);
            default -> roll < 30 ? pick(random, BASIC)
                    : roll < 45 ? pick(random, EXTENSION)
                    : roll < 70 ? pick(random, NON_GSM)
                    : EMOJI[random.nextInt(EMOJI.length)];
        };
    }

    private static int pick(Random random, String characters) {
        return characters.charAt(random.nextInt(characters.length()));
    }

    private static String describe(String body) {
        StringBuilder out = new StringBuilder();
        body.codePoints().forEach(cp -> out.append(String.format("%04X ", cp)));
        return out.toString();
    }
}
