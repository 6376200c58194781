package com.ninebits.sms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class HttpApiEventsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T17:48:14.123Z");

    private static HttpApiEvents.FrontRequest request(String method, String path, String query,
            Map<String, List<String>> headers, byte[] body) {
        return new HttpApiEvents.FrontRequest(method, path, query, "HTTP/1.1", "127.0.0.1", 8080, headers, body);
    }

    private static JsonNode event(HttpApiEvents.FrontRequest request, HttpRoute route) {
        HttpRoute.Match match = HttpRoute.match(List.of(route), request.method(), request.rawPath()).orElseThrow();
        return HttpApiEvents.event(request, match, NOW);
    }

    @Test
    void buildsPayloadV2EventWithRouteAndRequestContext() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1:8080"));
        headers.put("User-agent", List.of("curl/8.0"));
        headers.put("Content-type", List.of("application/json; charset=utf-8"));
        JsonNode event = event(request("POST", "/ng/v1/groups/grp_1/members", null, headers,
                "{\"add\":[\"2348020000000\"]}".getBytes(StandardCharsets.UTF_8)),
                new HttpRoute("POST", "/ng/v1/groups/{group_id}/members"));

        assertEquals("2.0", event.get("version").asText());
        assertEquals("POST /ng/v1/groups/{group_id}/members", event.get("routeKey").asText());
        assertEquals("/ng/v1/groups/grp_1/members", event.get("rawPath").asText());
        assertEquals("", event.get("rawQueryString").asText());
        assertFalse(event.has("queryStringParameters"));
        assertEquals("grp_1", event.at("/pathParameters/group_id").asText());
        assertEquals("{\"add\":[\"2348020000000\"]}", event.get("body").asText());
        assertFalse(event.get("isBase64Encoded").asBoolean());

        JsonNode context = event.get("requestContext");
        assertEquals("000000000000", context.get("accountId").asText());
        assertEquals("127.0.0.1:8080", context.get("domainName").asText());
        assertEquals("POST", context.at("/http/method").asText());
        assertEquals("/ng/v1/groups/grp_1/members", context.at("/http/path").asText());
        assertEquals("HTTP/1.1", context.at("/http/protocol").asText());
        assertEquals("127.0.0.1", context.at("/http/sourceIp").asText());
        assertEquals("curl/8.0", context.at("/http/userAgent").asText());
        assertEquals("POST /ng/v1/groups/{group_id}/members", context.get("routeKey").asText());
        assertEquals("$default", context.get("stage").asText());
        assertEquals("01/Jan/2026:17:48:14 +0000", context.get("time").asText());
        assertEquals(NOW.toEpochMilli(), context.get("timeEpochMs").asLong());
        assertFalse(context.get("requestId").asText().isEmpty());
    }

    @Test
    void lowerCasesHeadersJoinsRepeatsAndMovesCookiesOut() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Trace", List.of("a", "b"));
        headers.put("Accept", List.of("text/plain, application/json"));
        headers.put("Cookie", List.of("session=abc; theme=dark", "lang=en"));
        JsonNode event = event(request("GET", "/ng/v1/account", null, headers, new byte[0]),
                new HttpRoute("GET", "/ng/v1/account"));

        JsonNode h = event.get("headers");
        assertEquals("a,b", h.get("x-trace").asText());
        assertEquals("text/plain, application/json", h.get("accept").asText());
        assertNull(h.get("cookie"));
        assertEquals("127.0.0.1", h.get("x-forwarded-for").asText());
        assertEquals(List.of("session=abc", "theme=dark", "lang=en"),
                Json.MAPPER.convertValue(event.get("cookies"), List.class));
        assertFalse(event.has("body"));
        h.fieldNames().forEachRemaining(name -> assertEquals(name.toLowerCase(), name));
    }

    @Test
    void decodesQueryParametersAndJoinsRepeatedNames() {
        String raw = "status=delivered&status=failed&page_token=a%2Bb%3D&note=two+words&flag";
        JsonNode event = event(request("GET", "/ng/v1/sendsms/status/ref-1", raw, Map.of(), null),
                new HttpRoute("GET", "/ng/v1/sendsms/status/{reference_id}"));

        assertEquals(raw, event.get("rawQueryString").asText());
        JsonNode q = event.get("queryStringParameters");
        assertEquals("delivered,failed", q.get("status").asText());
        assertEquals("a+b=", q.get("page_token").asText());
        assertEquals("two words", q.get("note").asText());
        assertEquals("", q.get("flag").asText());
        assertEquals("ref-1", event.at("/pathParameters/reference_id").asText());
    }

    @Test
    void base64EncodesBodiesThatAreNotText() {
        byte[] binary = {(byte) 0xff, 0x00, 0x10, (byte) 0x80};
        JsonNode octets = event(request("POST", "/x", null, Map.of("Content-Type", List.of("application/octet-stream")), binary),
                HttpRoute.catchAll());
        assertTrue(octets.get("isBase64Encoded").asBoolean());
        assertEquals(Base64.getEncoder().encodeToString(binary), octets.get("body").asText());

        // HTTP APIs encode form posts too, which is what Kannel-style webhooks send.
        byte[] form = "type=1&ts=1700000000".getBytes(StandardCharsets.UTF_8);
        JsonNode formEvent = event(request("POST", "/x", null,
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded")), form), HttpRoute.catchAll());
        assertTrue(formEvent.get("isBase64Encoded").asBoolean());
        assertEquals("type=1&ts=1700000000",
                new String(Base64.getDecoder().decode(formEvent.get("body").asText()), StandardCharsets.UTF_8));

        JsonNode badUtf8 = event(request("POST", "/x", null, Map.of("Content-Type", List.of("text/plain")), binary),
                HttpRoute.catchAll());
        assertTrue(badUtf8.get("isBase64Encoded").asBoolean());

        JsonNode noType = event(request("POST", "/x", null, Map.of(), "plain".getBytes(StandardCharsets.UTF_8)),
                HttpRoute.catchAll());
        assertTrue(noType.get("isBase64Encoded").asBoolean());
        assertEquals("$default", noType.get("routeKey").asText());
    }

    @Test
    void mapsFullResponseWithHeadersMultiValueHeadersAndCookies() {
        String answer = """
                {"statusCode":202,
                 "headers":{"Content-Type":"application/json","Location":"/ng/v1/sendsms/status/r1","Content-Length":"999"},
                 "multiValueHeaders":{"X-Many":["1","2"]},
                 "cookies":["a=1; Path=/","b=2"],
                 "body":"{\\"status\\":\\"accepted\\"}",
                 "isBase64Encoded":false}
                """;
        HttpApiEvents.FrontResponse response = HttpApiEvents.response(answer.getBytes(StandardCharsets.UTF_8));

        assertEquals(202, response.status());
        assertEquals("application/json", response.header("content-type"));
        assertEquals("/ng/v1/sendsms/status/r1", response.header("Location"));
        assertEquals(List.of("1", "2"), response.headers("X-Many"));
        assertEquals(List.of("a=1; Path=/", "b=2"), response.headers("Set-Cookie"));
        assertNull(response.header("Content-Length"));
        assertEquals("{\"status\":\"accepted\"}", response.text());
    }

    @Test
    void decodesBase64ResponseBodies() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        String answer = "{\"statusCode\":\"200\",\"headers\":{\"content-type\":\"image/png\"},\"body\":\""
                + Base64.getEncoder().encodeToString(png) + "\",\"isBase64Encoded\":true}";
        HttpApiEvents.FrontResponse response = HttpApiEvents.response(answer.getBytes(StandardCharsets.UTF_8));

        assertEquals(200, response.status());
        assertEquals("image/png", response.header("Content-Type"));
        assertEquals(java.util.HexFormat.of().formatHex(png), java.util.HexFormat.of().formatHex(response.body()));
    }

    @Test
    void infersA200JsonResponseWithoutStatusCodeAndRefusesMalformedAnswers() {
        HttpApiEvents.FrontResponse inferred = HttpApiEvents.response("{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, inferred.status());
        assertEquals("application/json", inferred.header("Content-Type"));
        assertEquals("{\"ok\":true}", inferred.text());

        HttpApiEvents.FrontResponse malformed = HttpApiEvents.response("not json".getBytes(StandardCharsets.UTF_8));
        assertEquals(500, malformed.status());
        assertEquals("{\"message\":\"Internal Server Error\"}", malformed.text());

        assertEquals(500, HttpApiEvents.response("{\"statusCode\":\"abc\"}".getBytes(StandardCharsets.UTF_8)).status());

        HttpApiEvents.FrontResponse empty = HttpApiEvents.response("{\"statusCode\":204}".getBytes(StandardCharsets.UTF_8));
        assertEquals(204, empty.status());
        assertEquals(0, empty.body().length);
    }
}
