package com.ninebits.sms.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Opens {@link TestAccount}s the way a customer gets one, over HTTP against a running API
 * function: the operator opens the account and approves its sender ID, then the customer sets its
 * webhook with the new token. For tests of the HTTP API and of the whole local run.
 */
public final class OperatorApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OperatorApi() {
    }

    /** @param apiBaseUrl such as {@code http://127.0.0.1:8080}, without a trailing slash */
    public static TestAccount.Opened open(String apiBaseUrl, String adminKey, TestAccount account) {
        JsonNode opened = call(apiBaseUrl, "POST", "/ng/v1/admin/accounts", "X-Admin-Key", adminKey,
                account.operatorRequest(), 201);
        String id = opened.get("account_id").asText();
        String token = opened.get("api_token").asText();
        if (account.approvedSender() != null) {
            call(apiBaseUrl, "PUT", "/ng/v1/admin/accounts/" + id + "/sender-ids/" + account.approvedSender(),
                    "X-Admin-Key", adminKey, Map.of("status", "approved"), 200);
        }
        String secret = null;
        if (account.webhookUrl() != null) {
            secret = call(apiBaseUrl, "PUT", "/ng/v1/settings/webhook", "Authorization", "Bearer " + token,
                    Map.of("url", account.webhookUrl()), 200).get("secret").asText();
        }
        return new TestAccount.Opened(id, token, secret);
    }

    /** Adds a portal user with a password to the account (the operator's {@code POST .../users}); its user id. */
    public static String addPortalUser(String apiBaseUrl, String adminKey, String accountId, String email, String password) {
        return call(apiBaseUrl, "POST", "/ng/v1/admin/accounts/" + accountId + "/users", "X-Admin-Key", adminKey,
                Map.of("email", email, "password", password), 201).get("user_id").asText();
    }

    private static JsonNode call(String base, String method, String path, String authHeader, String auth,
            Map<String, Object> body, int expectedStatus) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .header(authHeader, auth)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
                        + " (expected " + expectedStatus + "): " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening a test account", e);
        }
    }
}
