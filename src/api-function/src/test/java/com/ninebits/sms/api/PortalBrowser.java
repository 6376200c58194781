package com.ninebits.sms.api;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * A browser as far as the portal's rules see one: it keeps the cookies it is given (whatever
 * their Secure flag: REST Assured talks plain http to the test server) and the form token of the
 * last page it loaded, and never follows redirects, so that tests see them.
 */
final class PortalBrowser {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String formToken;

    Response get(String path) {
        return keep(request().get(path));
    }

    /** A form POST carrying the last page's token (unless the fields give one of their own). */
    Response post(String path, Map<String, ?> fields) {
        Map<String, Object> form = new LinkedHashMap<>();
        if (formToken != null) {
            form.put("csrf_token", formToken);
        }
        form.putAll(fields);
        return keep(request().contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(form).post(path));
    }

    Response postWithoutToken(String path, Map<String, ?> fields) {
        RequestSpecification r = request().contentType(ContentType.URLENC.withCharset("UTF-8"));
        if (!fields.isEmpty()) {
            r.formParams(fields);
        }
        return keep(r.post(path));
    }

    /** Loads the sign-in page and signs in; the answer to the POST. */
    Response signIn(String email, String password) {
        get("/portal/sign-in");
        return post("/portal/sign-in", Map.of("email", email, "password", password));
    }

    String formToken() {
        return formToken;
    }

    Map<String, String> cookies() {
        return cookies;
    }

    String sessionCookie() {
        return cookies.entrySet().stream().filter(c -> c.getKey().endsWith("portal_session")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private RequestSpecification request() {
        RequestSpecification r = given().redirects().follow(false);
        cookies.forEach(r::cookie);
        return r;
    }

    private Response keep(Response response) {
        response.getHeaders().getList("Set-Cookie").forEach(h -> {
            String pair = h.getValue().split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (value.isEmpty() || h.getValue().contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        });
        String body = response.getBody().asString();
        Matcher m = FORM_TOKEN.matcher(body == null ? "" : body);
        if (m.find()) {
            formToken = m.group(1);
        }
        return response;
    }
}
