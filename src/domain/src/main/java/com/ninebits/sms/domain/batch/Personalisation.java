package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.group.Group;
import com.ninebits.sms.domain.phone.PhoneNumbers;
import com.ninebits.sms.domain.text.Template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each resolved recipient its values for the placeholders the body uses: its own (keyed by
 * its number in any accepted form), else its group's (the group it came in through), else the
 * name's {@code default}. A recipient left without a value for some placeholder is rejected alone.
 */
final class Personalisation {

    static final String DEFAULT_KEY = "default";
    static final String MISSING = "missing_parameter";

    private Personalisation() {
    }

    /** The recipients kept (in order), those rejected for a missing value, and the values of the kept. */
    record Filled(List<String> accepted, List<Batch.Rejected> missing, RecipientValues values) {
    }

    static Filled fill(String body, Map<String, Map<String, String>> parameters, Recipients.Resolved resolved,
                       String defaultCountry) {
        Set<String> used = parameters == null ? Set.of() : Template.placeholders(body, parameters.keySet());
        if (used.isEmpty()) {
            return new Filled(resolved.accepted(), List.of(), RecipientValues.NONE);
        }
        List<String> names = List.copyOf(used);
        List<Map<String, String>> byKey = names.stream().map(n -> normalisedKeys(parameters.get(n), defaultCountry)).toList();
        List<String> kept = new ArrayList<>(resolved.accepted().size());
        List<Batch.Rejected> missing = new ArrayList<>();
        Map<List<String>, Integer> rowIndex = new LinkedHashMap<>();
        List<Integer> rowOf = new ArrayList<>(resolved.accepted().size());
        for (String number : resolved.accepted()) {
            List<String> row = rowFor(number, resolved.viaGroup().get(number), byKey);
            if (row == null) {
                missing.add(new Batch.Rejected(number, MISSING));
                continue;
            }
            kept.add(number);
            rowOf.add(rowIndex.computeIfAbsent(row, r -> rowIndex.size()));
        }
        List<List<String>> rows = new ArrayList<>(rowIndex.keySet());
        return new Filled(List.copyOf(kept), missing,
                new RecipientValues(names, rows.isEmpty() ? List.of(List.of()) : rows, rows.size() == 1 ? List.of() : rowOf));
    }

    /** One recipient's values, aligned with the names; null when one has none. */
    private static List<String> rowFor(String number, String group, List<Map<String, String>> byKey) {
        List<String> row = new ArrayList<>(byKey.size());
        for (Map<String, String> values : byKey) {
            String value = values.get(number);
            if (value == null && group != null) {
                value = values.get(group);
            }
            if (value == null) {
                value = values.get(DEFAULT_KEY);
            }
            if (value == null) {
                return null;
            }
            row.add(value);
        }
        return row;
    }

    /**
     * A name's values with number keys in E.164, as recipients are; group IDs and {@code default}
     * as given. A key that is none of these matches no recipient. Where two spellings of one number
     * differ, the first given wins.
     */
    private static Map<String, String> normalisedKeys(Map<String, String> values, String defaultCountry) {
        Map<String, String> out = new HashMap<>(values.size() * 2);
        values.forEach((key, value) -> {
            if (key.equals(DEFAULT_KEY) || Group.looksLikeId(key)) {
                out.putIfAbsent(key, value);
            } else {
                PhoneNumbers.normalise(key, defaultCountry).ifPresent(number -> out.putIfAbsent(number, value));
            }
        });
        return out;
    }
}
