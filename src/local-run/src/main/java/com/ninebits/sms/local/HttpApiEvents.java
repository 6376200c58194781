package com.ninebits.sms.local;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * API Gateway HTTP API, payload format 2.0: an HTTP request becomes the event a function receives,
 * and the function's answer becomes the HTTP response, with the gateway's own rules for both.
 */
final class HttpApiEvents {

    static final String ACCOUNT_ID = "000000000000";
    static final String API_ID = "local";

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private HttpApiEvents() {
    }

    /** An HTTP request as it reached the front: header names as sent, values in arrival order. */
    record FrontRequest(String method, String rawPath, String rawQuery, String protocol, String sourceIp,
            int localPort, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** The HTTP response to write back; headers in order, a name may repeat (Set-Cookie). */
    record FrontResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

        String header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        List<String> headers(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        static FrontResponse message(int status, String message) {
            ObjectNode json = Json.object().put("message", message);
            return new FrontResponse(status, List.of(Map.entry("Content-Type", "application/json")), Json.bytes(json));
        }
    }

    static ObjectNode event(FrontRequest request, HttpRoute.Match match, Instant now) {
        ObjectNode event = Json.object();
        event.put("version", "2.0");
        event.put("routeKey", match.route().routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        putHeaders(event, request);
        putParameters(event, request.rawQuery(), match.pathParameters());
        putRequestContext(event.putObject("requestContext"), request, match, now);
        putBody(event, request);
        return event;
    }

    /** Headers lower-cased and comma-joined, the proxy's forwarding headers added, cookies in a list of their own. */
    private static void putHeaders(ObjectNode event, FrontRequest request) {
        List<String> cookies = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                // HTTP APIs move cookies out of the headers into their own list.
                header.getValue().forEach(line -> cookies.addAll(cookiesOf(line)));
                continue;
            }
            String joined = String.join(",", header.getValue());
            headers.merge(name, joined, (first, more) -> first + "," + more);
        }
        headers.merge("x-forwarded-for", request.sourceIp(), (chain, ip) -> chain + ", " + ip);
        headers.putIfAbsent("x-forwarded-port", Integer.toString(request.localPort()));
        headers.putIfAbsent("x-forwarded-proto", "http");
        if (!cookies.isEmpty()) {
            ArrayNode list = event.putArray("cookies");
            cookies.forEach(list::add);
        }
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);
    }

    private static List<String> cookiesOf(String cookieHeader) {
        List<String> cookies = new ArrayList<>();
        for (String cookie : cookieHeader.split(";")) {
            if (!cookie.isBlank()) {
                cookies.add(cookie.trim());
            }
        }
        return cookies;
    }

    /** Query and path parameters; each object is left out when it would be empty, as API Gateway does. */
    private static void putParameters(ObjectNode event, String rawQuery, Map<String, String> pathParameters) {
        Map<String, String> query = queryParameters(rawQuery);
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode pathNode = event.putObject("pathParameters");
            pathParameters.forEach(pathNode::put);
        }
    }

    private static void putRequestContext(ObjectNode context, FrontRequest request, HttpRoute.Match match, Instant now) {
        String domainName = request.header("host") != null ? request.header("host") : "127.0.0.1:" + request.localPort();
        context.put("accountId", ACCOUNT_ID);
        context.put("apiId", API_ID);
        context.put("domainName", domainName);
        context.put("domainPrefix", API_ID);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", request.header("user-agent") == null ? "" : request.header("user-agent"));
        context.put("requestId", requestId());
        context.put("routeKey", match.route().routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpochMs", now.toEpochMilli());
    }

    private static void putBody(ObjectNode event, FrontRequest request) {
        byte[] body = request.body();
        if (body == null || body.length == 0) {
            event.put("isBase64Encoded", false);
            return;
        }
        String text = isText(request.header("content-type")) ? utf8OrNull(body) : null;
        if (text != null) {
            event.put("body", text);
            event.put("isBase64Encoded", false);
        } else {
            event.put("body", Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", true);
        }
    }

    /**
     * The function's answer as API Gateway reads it: a JSON object with {@code statusCode} is a full
     * response; any other JSON is a 200 {@code application/json} body; a non-JSON answer is a 500.
     */
    static FrontResponse response(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return new FrontResponse(200, List.of(), new byte[0]);
        }
        JsonNode answer = Json.parseOrNull(payload);
        if (answer == null) {
            return FrontResponse.message(500, "Internal Server Error");
        }
        if (!answer.isObject() || !answer.has("statusCode")) {
            byte[] body = answer.isTextual() ? answer.asText().getBytes(StandardCharsets.UTF_8) : payload;
            return new FrontResponse(200, List.of(Map.entry("Content-Type", "application/json")), body);
        }
        JsonNode statusNode = answer.get("statusCode");
        int status;
        try {
            status = statusNode.isNumber() ? statusNode.asInt() : Integer.parseInt(statusNode.asText().trim());
        } catch (NumberFormatException e) {
            return FrontResponse.message(500, "Internal Server Error");
        }
        if (status < 100 || status > 599) {
            return FrontResponse.message(500, "Internal Server Error");
        }

        List<Map.Entry<String, String>> headers = new ArrayList<>();
        answer.path("headers").properties().forEach(header -> {
            if (!header.getValue().isNull()) {
                addHeader(headers, header.getKey(), header.getValue().asText());
            }
        });
        answer.path("multiValueHeaders").properties().forEach(header -> {
            for (JsonNode value : header.getValue()) {
                if (!value.isNull()) {
                    addHeader(headers, header.getKey(), value.asText());
                }
            }
        });
        for (JsonNode cookie : answer.path("cookies")) {
            headers.add(Map.entry("Set-Cookie", cookie.asText()));
        }

        byte[] body = new byte[0];
        JsonNode bodyNode = answer.get("body");
        if (bodyNode != null && !bodyNode.isNull()) {
            String text = bodyNode.asText();
            if (answer.path("isBase64Encoded").asBoolean(false)) {
                try {
                    body = Base64.getMimeDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    return FrontResponse.message(500, "Internal Server Error");
                }
            } else {
                body = text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return new FrontResponse(status, headers, body);
    }

    /** Framing headers are the front's own business: the body it writes decides them. */
    private static void addHeader(List<Map.Entry<String, String>> headers, String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("content-length") || lower.equals("transfer-encoding") || lower.equals("connection")) {
            return;
        }
        headers.add(Map.entry(name, value));
    }

    /** Decoded names and values; a repeated name has its values comma-joined, as API Gateway does. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            parameters.merge(name, value, (first, more) -> first + "," + more);
        }
        return parameters;
    }

    private static String decodeQuery(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return part;
        }
    }

    /** HTTP APIs pass text bodies as they are and base64-encode everything else (forms included). */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript");
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String requestId() {
        byte[] id = new byte[10];
        ThreadLocalRandom.current().nextBytes(id);
        return Base64.getEncoder().encodeToString(id).replace('+', 'a').replace('/', 'b');
    }
}
