package com.ninebits.sms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HttpRouteTest {

    private static final List<HttpRoute> ROUTES = List.of(
            new HttpRoute("POST", "/ng/v1/sendsms"),
            new HttpRoute("GET", "/ng/v1/sendsms/status/{reference_id}"),
            new HttpRoute("ANY", "/ng/v1/groups"),
            new HttpRoute("ANY", "/ng/v1/groups/{group_id}"),
            new HttpRoute("POST", "/ng/v1/groups/{group_id}/members"),
            new HttpRoute("ANY", "/ng/v1/admin/{proxy+}"),
            new HttpRoute("PUT", "/ng/v1/admin/accounts/{id}/sender-ids/{sender_id}"));

    private static String routeKey(String method, String path) {
        return HttpRoute.match(ROUTES, method, path).map(m -> m.route().routeKey()).orElse("none");
    }

    @Test
    void matchesLiteralVariableAndMethod() {
        assertEquals("POST /ng/v1/sendsms", routeKey("POST", "/ng/v1/sendsms"));
        assertEquals("none", routeKey("GET", "/ng/v1/sendsms"));
        assertEquals("GET /ng/v1/sendsms/status/{reference_id}", routeKey("GET", "/ng/v1/sendsms/status/abc"));
        assertEquals("none", routeKey("GET", "/ng/v1/sendsms/status/"));
        assertEquals("none", routeKey("GET", "/ng/v1/sendsms/status/a/b"));
        assertEquals("ANY /ng/v1/groups", routeKey("DELETE", "/ng/v1/groups"));
        assertEquals("none", routeKey("GET", "/ng/v1/unknown"));
    }

    @Test
    void greedyVariableTakesTheRestAndLosesToSpecificRoutes() {
        HttpRoute.Match admin = HttpRoute.match(ROUTES, "POST", "/ng/v1/admin/accounts/acc_1/credit").orElseThrow();
        assertEquals("ANY /ng/v1/admin/{proxy+}", admin.route().routeKey());
        assertEquals(Map.of("proxy", "accounts/acc_1/credit"), admin.pathParameters());
        assertEquals("none", routeKey("GET", "/ng/v1/admin"));

        HttpRoute.Match sender = HttpRoute.match(ROUTES, "PUT", "/ng/v1/admin/accounts/acc_1/sender-ids/my%20Code").orElseThrow();
        assertEquals("PUT /ng/v1/admin/accounts/{id}/sender-ids/{sender_id}", sender.route().routeKey());
        assertEquals(Map.of("id", "acc_1", "sender_id", "my Code"), sender.pathParameters());
    }

    @Test
    void namedMethodBeatsAnyOnTheSamePath() {
        List<HttpRoute> routes = List.of(new HttpRoute("ANY", "/ng/v1/settings/webhook"),
                new HttpRoute("POST", "/ng/v1/settings/webhook"));
        assertEquals("POST /ng/v1/settings/webhook",
                HttpRoute.match(routes, "POST", "/ng/v1/settings/webhook").orElseThrow().route().routeKey());
        assertEquals("ANY /ng/v1/settings/webhook",
                HttpRoute.match(routes, "GET", "/ng/v1/settings/webhook").orElseThrow().route().routeKey());
    }

    @Test
    void defaultRouteTakesWhatNothingElseTakes() {
        List<HttpRoute> routes = List.of(new HttpRoute("GET", "/health"), HttpRoute.catchAll());
        assertEquals("GET /health", HttpRoute.match(routes, "GET", "/health").orElseThrow().route().routeKey());
        assertEquals("$default", HttpRoute.match(routes, "PATCH", "/x/y").orElseThrow().route().routeKey());
        assertTrue(HttpRoute.match(routes, "GET", "/x").orElseThrow().pathParameters().isEmpty());
    }
}
