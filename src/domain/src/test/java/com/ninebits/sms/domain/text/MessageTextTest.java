package com.ninebits.sms.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTextTest {

    @Test
    void partCountIsTheNumberOfParts() {
        assertEquals(2, new MessageText(Encoding.GSM7, 200, List.of("a", "b")).partCount());
    }

    @Test
    void partsCannotBeChangedAfterwards() {
        List<String> parts = new ArrayList<>(List.of("a"));
        MessageText text = new MessageText(Encoding.GSM7, 1, parts);
        parts.add("b");

        assertEquals(List.of("a"), text.parts());
        assertThrows(UnsupportedOperationException.class, () -> text.parts().add("c"));
    }

    @Test
    void rejectsNoParts() {
        assertThrows(IllegalArgumentException.class, () -> new MessageText(Encoding.GSM7, 0, List.of()));
    }

    @Test
    void rejectsNegativeUnits() {
        assertThrows(IllegalArgumentException.class, () -> new MessageText(Encoding.UCS2, -1, List.of("")));
    }

    @Test
    void rejectsMissingEncoding() {
        assertThrows(NullPointerException.class, () -> new MessageText(null, 0, List.of("")));
    }
}
