package com.ninebits.sms.local.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which figures a run prints: {@code -Dbench.only=slow,first} (names in {@link #NAMES}), every one
 * when unset or empty. Each program asks for its own and skips what is not wanted, so a short
 * run of one figure starts only what that figure needs.
 */
final class Selected {

    static final String PROPERTY = "bench.only";
    /** accept: AcceptBenchmark; throughput: DispatchBenchmark; the rest: SmscBenchmark. */
    static final List<String> NAMES = List.of("accept", "throughput", "slow", "first", "accounts", "dlr");

    private Selected() {
    }

    static boolean figure(String name) {
        Set<String> wanted = wanted();
        return wanted.isEmpty() || wanted.contains(name);
    }

    static boolean anyOf(String... names) {
        return Arrays.stream(names).anyMatch(Selected::figure);
    }

    private static Set<String> wanted() {
        String value = System.getProperty(PROPERTY, "");
        // Maven leaves an unset property as its own expression.
        if (value.isBlank() || value.startsWith("${")) {
            return Set.of();
        }
        Set<String> wanted = Arrays.stream(value.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        for (String name : wanted) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException(PROPERTY + " names figures among " + NAMES + ", not '" + name + "'");
            }
        }
        return wanted;
    }
}
