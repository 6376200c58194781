package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.text.Template;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each recipient's placeholders are filled with, in the compact form a batch keeps: the
 * names its body uses, the distinct rows of values (a group's or the default value is one row
 * shared by many recipients), and each recipient's row by its index in the batch. A batch without
 * parameters has {@link #NONE}: one empty row for everyone, nothing stored.
 *
 * @param names the placeholder names the body uses, in order of first use
 * @param rows  distinct value lists, each aligned with {@code names}
 * @param rowOf each recipient's row, by index; empty when there is one row for all
 */
public record RecipientValues(List<String> names, List<List<String>> rows, List<Integer> rowOf) {

    public static final RecipientValues NONE = new RecipientValues(List.of(), List.of(List.of()), List.of());

    public RecipientValues {
        names = List.copyOf(names);
        rows = rows.stream().map(List::copyOf).toList();
        rowOf = List.copyOf(rowOf);
    }

    public boolean none() {
        return names.isEmpty();
    }

    /**
     * The text recipient {@code index} is sent: the one rendering that pricing, dispatch and the
     * status page all use, so that what is charged is what is sent.
     */
    public String render(String template, int index) {
        if (none()) {
            return template;
        }
        List<String> row = rows.get(rowOf.isEmpty() ? 0 : rowOf.get(index));
        Map<String, String> values = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), row.get(i));
        }
        return Template.render(template, values);
    }

    /** About the UTF-8 bytes these values take in a stored batch: what must stay inside one store item. */
    public long storedBytes() {
        long bytes = rowOf.size() * 5L;
        for (List<String> row : rows) {
            for (String value : row) {
                bytes += value.getBytes(StandardCharsets.UTF_8).length + 3;
            }
        }
        return bytes;
    }
}
