package com.ninebits.sms.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP API route ({@code Method} and {@code Path} of an {@code HttpApi} event), matched the way
 * API Gateway matches: {@code {name}} takes one segment, a final {@code {name+}} takes the rest,
 * {@code ANY} any method, {@code $default} anything; the most specific route wins.
 */
record HttpRoute(String method, String path) {

    static final String DEFAULT = "$default";

    static HttpRoute catchAll() {
        return new HttpRoute("ANY", DEFAULT);
    }

    /** The route key as API Gateway writes it in the event: {@code "POST /ng/v1/sendsms"} or {@code "$default"}. */
    String routeKey() {
        return path.equals(DEFAULT) ? DEFAULT : method + " " + path;
    }

    record Match(HttpRoute route, Map<String, String> pathParameters) {
    }

    static Optional<Match> match(List<HttpRoute> routes, String method, String rawPath) {
        return routes.stream()
                .map(route -> route.matches(method, rawPath))
                .flatMap(Optional::stream)
                .max(Comparator.comparingInt(match -> match.route().specificity()));
    }

    private Optional<Match> matches(String requestMethod, String rawPath) {
        if (!method.equals("ANY") && !method.equalsIgnoreCase(requestMethod)) {
            return Optional.empty();
        }
        if (path.equals(DEFAULT)) {
            return Optional.of(new Match(this, Map.of()));
        }
        String[] template = segments(path);
        String[] actual = segments(rawPath);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            boolean greedy = part.startsWith("{") && part.endsWith("+}");
            if (greedy) {
                if (i != template.length - 1 || actual.length <= i) {
                    return Optional.empty();
                }
                parameters.put(part.substring(1, part.length() - 2),
                        decode(String.join("/", List.of(actual).subList(i, actual.length))));
                return Optional.of(new Match(this, parameters));
            }
            if (i >= actual.length) {
                return Optional.empty();
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(part.substring(1, part.length() - 1), decode(actual[i]));
            } else if (!part.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return template.length == actual.length ? Optional.of(new Match(this, parameters)) : Optional.empty();
    }

    /** Literal segments count most, then a single-segment variable over a greedy one, then a named method over ANY. */
    private int specificity() {
        if (path.equals(DEFAULT)) {
            return -1;
        }
        int score = 0;
        for (String part : segments(path)) {
            if (!part.startsWith("{")) {
                score += 1000;
            } else if (!part.endsWith("+}")) {
                score += 10;
            }
        }
        return score + (method.equals("ANY") ? 0 : 1);
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static String decode(String segment) {
        try {
            // Path segments keep '+' literal: only query strings use it for a space.
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }

    static HttpRoute of(Object method, Object path) {
        String m = method == null ? "ANY" : method.toString().toUpperCase(Locale.ROOT);
        return new HttpRoute(m.equals("*") ? "ANY" : m, path == null ? DEFAULT : path.toString());
    }
}
