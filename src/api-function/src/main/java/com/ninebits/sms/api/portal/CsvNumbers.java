package com.ninebits.sms.api.portal;

import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The numbers of a CSV file, each with the line it came from. Which numbers are good is not
 * judged here: the group's use case says so (its {@code add[i]} errors), and this maps its answer
 * back to lines, so that the rest can be imported without them.
 */
record CsvNumbers(List<String> numbers, List<Integer> lines) {

    record Result(int imported, List<Views.BadLine> bad) {
    }

    static CsvNumbers parse(String text) {
        List<String> numbers = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        String[] all = text.replace("\r", "").split("\n");
        for (int i = 0; i < all.length; i++) {
            String cell = firstCell(all[i]);
            if (cell.isEmpty() || (i == 0 && cell.chars().noneMatch(Character::isDigit))) {
                continue;
            }
            numbers.add(cell);
            lines.add(i + 1);
        }
        return new CsvNumbers(numbers, lines);
    }

    /** Adds the numbers; when some are refused, adds the others and lists the refused lines. */
    Result importInto(Consumer<List<String>> add) {
        if (numbers.isEmpty()) {
            throw DomainException.Invalid.of("file", "empty", "the file holds no numbers");
        }
        try {
            add.accept(numbers);
            return new Result(numbers.size(), List.of());
        } catch (DomainException.Invalid invalid) {
            Map<Integer, String> refused = refusedIndexes(invalid.errors());
            if (refused.isEmpty()) {
                throw invalid;
            }
            List<String> good = new ArrayList<>();
            List<Views.BadLine> bad = new ArrayList<>();
            for (int i = 0; i < numbers.size(); i++) {
                if (refused.containsKey(i)) {
                    bad.add(new Views.BadLine(lines.get(i), numbers.get(i), refused.get(i)));
                } else {
                    good.add(numbers.get(i));
                }
            }
            if (!good.isEmpty()) {
                add.accept(good);
            }
            return new Result(good.size(), bad);
        }
    }

    private static Map<Integer, String> refusedIndexes(List<FieldError> errors) {
        Map<Integer, String> out = new HashMap<>();
        for (FieldError e : errors) {
            if (e.field().startsWith("add[") && e.field().endsWith("]")) {
                out.put(Integer.parseInt(e.field().substring(4, e.field().length() - 1)), e.message());
            }
        }
        return out;
    }

    private static String firstCell(String line) {
        String cell = line;
        int comma = indexOfSeparator(line);
        if (comma >= 0) {
            cell = line.substring(0, comma);
        }
        cell = cell.strip();
        if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
            cell = cell.substring(1, cell.length() - 1).strip();
        }
        return cell;
    }

    private static int indexOfSeparator(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ',' || c == ';' || c == '\t') {
                return i;
            }
        }
        return -1;
    }
}
