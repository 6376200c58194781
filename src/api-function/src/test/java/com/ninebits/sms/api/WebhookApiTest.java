package com.ninebits.sms.api;

import com.ninebits.sms.adapters.dynamo.Keys;
import com.ninebits.sms.domain.webhook.SecretCipher;
import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class WebhookApiTest {

    private static final String PATH = "/ng/v1/settings/webhook";
    private static final String PUBLIC_URL = "https://93.184.216.34/hooks";
    private static final String OTHER_PUBLIC_URL = "https://93.184.216.35/dlr?x=1";
    private static final String SECRET = "whsec_[A-Za-z0-9_-]{43}";

    @Inject
    SecretCipher cipher;

    private static ValidatableResponse put(ApiFixtures.Customer customer, Object body) {
        return given().auth().oauth2(customer.token()).contentType(ContentType.JSON).body(body).put(PATH).then();
    }

    private static ValidatableResponse putUrl(ApiFixtures.Customer customer, String url) {
        return put(customer, Map.of("url", url));
    }

    private static Map<String, AttributeValue> profile(String accountId) {
        LocalStack stack = LocalStack.shared();
        return stack.dynamo().getItem(b -> b.tableName(stack.tableName("AccountsTable"))
                .key(Keys.profile(accountId).attributes()))
                .item();
    }

    private String storedSecret(String accountId) {
        return cipher.decrypt(profile(accountId).get("webhook_secret").s());
    }

    @Test
    void setsAWebhookAndShowsItsSecretOnce() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        putUrl(customer, PUBLIC_URL)
                .statusCode(200)
                .body("url", equalTo(PUBLIC_URL))
                .body("secret", matchesPattern(SECRET));

        given().auth().oauth2(customer.token()).get(PATH)
                .then().statusCode(200)
                .body("url", equalTo(PUBLIC_URL))
                .body("$", not(hasKey("secret")));
    }

    @Test
    void storesTheSecretEncryptedNotInClear() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String secret = putUrl(customer, PUBLIC_URL).statusCode(200).extract().path("secret");

        Map<String, AttributeValue> item = profile(customer.accountId());
        assertEquals(PUBLIC_URL, item.get("webhook_url").s());
        String stored = item.get("webhook_secret").s();
        assertFalse(stored.contains(secret), "the webhook secret is stored in clear");
        assertFalse(stored.contains(secret.substring("whsec_".length())), "the secret's random part is stored in clear");
        assertFalse(item.values().stream().anyMatch(v -> v.s() != null && v.s().contains(secret)),
                "no attribute of the profile holds the secret in clear");
        // And yet the gateway can read it back to sign calls.
        assertEquals(secret, cipher.decrypt(stored));
    }

    @Test
    void changingTheUrlKeepsTheSecretAndDoesNotShowIt() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String secret = putUrl(customer, PUBLIC_URL).statusCode(200).extract().path("secret");

        putUrl(customer, OTHER_PUBLIC_URL)
                .statusCode(200)
                .body("url", equalTo(OTHER_PUBLIC_URL))
                .body("$", not(hasKey("secret")));

        given().auth().oauth2(customer.token()).get(PATH).then().body("url", equalTo(OTHER_PUBLIC_URL));
        assertEquals(secret, storedSecret(customer.accountId()));
    }

    @Test
    void rotatingMakesANewSecretAndKeepsTheUrl() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String first = putUrl(customer, PUBLIC_URL).statusCode(200).extract().path("secret");

        String second = given().auth().oauth2(customer.token()).post(PATH + "/secret")
                .then().statusCode(200)
                .body("url", equalTo(PUBLIC_URL))
                .body("secret", matchesPattern(SECRET))
                .extract().path("secret");

        assertNotEquals(first, second);
        assertEquals(second, storedSecret(customer.accountId()));
        given().auth().oauth2(customer.token()).get(PATH).then().body("url", equalTo(PUBLIC_URL));
    }

    @Test
    void rotatingWithoutAWebhookIsNotFound() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        given().auth().oauth2(customer.token()).post(PATH + "/secret")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
    }

    @Test
    void deletesTheWebhook() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        putUrl(customer, PUBLIC_URL).statusCode(200);

        given().auth().oauth2(customer.token()).delete(PATH).then().statusCode(204);

        given().auth().oauth2(customer.token()).get(PATH)
                .then().statusCode(404).contentType("application/problem+json");
        Map<String, AttributeValue> item = profile(customer.accountId());
        assertFalse(item.containsKey("webhook_url"));
        assertFalse(item.containsKey("webhook_secret"));
        given().auth().oauth2(customer.token()).delete(PATH).then().statusCode(404);
    }

    @Test
    void aWebhookSetAfterDeletionGetsANewSecret() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String first = putUrl(customer, PUBLIC_URL).statusCode(200).extract().path("secret");
        given().auth().oauth2(customer.token()).delete(PATH).then().statusCode(204);

        String second = putUrl(customer, PUBLIC_URL).statusCode(200).body("secret", matchesPattern(SECRET))
                .extract().path("secret");
        assertNotEquals(first, second);
    }

    @Test
    void anAccountWithoutAWebhookHasNone() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        given().auth().oauth2(customer.token()).get(PATH).then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void eachAccountSeesOnlyItsOwnWebhook() {
        ApiFixtures.Customer mine = ApiFixtures.newCustomer(0);
        ApiFixtures.Customer theirs = ApiFixtures.newCustomer(0);
        putUrl(mine, PUBLIC_URL).statusCode(200);

        given().auth().oauth2(theirs.token()).get(PATH).then().statusCode(404);
        given().auth().oauth2(theirs.token()).delete(PATH).then().statusCode(404);
        given().auth().oauth2(mine.token()).get(PATH).then().statusCode(200).body("url", equalTo(PUBLIC_URL));
    }

    @Test
    void refusesInsecureWebhook() {
        refuses("http://93.184.216.34/", "insecure_url");
    }

    @Test
    void refusesLoopbackWebhook() {
        refuses("https://127.0.0.1/", "forbidden_address");
        refuses("https://127.8.9.10:8443/x", "forbidden_address");
    }

    @Test
    void refusesLocalhostWebhook() {
        refuses("https://localhost/", "forbidden_address");
    }

    @Test
    void refusesIpv6LoopbackWebhook() {
        refuses("https://[::1]/", "forbidden_address");
    }

    @Test
    void refusesPrivateWebhooks() {
        refuses("https://10.1.2.3/", "forbidden_address");
        refuses("https://192.168.1.1/", "forbidden_address");
        refuses("https://172.16.0.1/", "forbidden_address");
        refuses("https://172.31.255.254/", "forbidden_address");
    }

    @Test
    void refusesMetadataWebhook() {
        refuses("https://169.254.169.254/latest/meta-data", "forbidden_address");
        refuses("https://[fd00:ec2::254]/", "forbidden_address");
    }

    @Test
    void refusesIpv4MappedPrivateWebhook() {
        refuses("https://[::ffff:10.0.0.1]/", "forbidden_address");
    }

    @Test
    void refusesCarrierGradeNatWebhook() {
        refuses("https://100.64.0.1/", "forbidden_address");
    }

    @Test
    void refusesWebhookWithCredentials() {
        refuses("https://user:pw@93.184.216.34/", "invalid_url");
    }

    @Test
    void refusesNonHttpScheme() {
        refuses("ftp://93.184.216.34/", "insecure_url");
    }

    @Test
    void refusesSomethingThatIsNotAUrl() {
        refuses("not a url", "invalid_url");
    }

    @Test
    void refusesAHostThatDoesNotResolve() {
        refuses("https://no-such-host.invalid/", "unresolvable_host");
    }

    @Test
    void refusesAMissingUrl() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        put(customer, Map.of("callback", PUBLIC_URL))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("url")))
                .body("errors[0].code", equalTo("required"));
        put(customer, Map.of("url", 42)).statusCode(400).body("errors.field", equalTo(List.of("url")));
        put(customer, Map.of("url", "")).statusCode(400).body("errors.field", equalTo(List.of("url")));
    }

    @Test
    void aRefusedUrlLeavesTheWebhookAsItWas() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String secret = putUrl(customer, PUBLIC_URL).statusCode(200).extract().path("secret");

        putUrl(customer, "https://10.0.0.1/").statusCode(400);

        given().auth().oauth2(customer.token()).get(PATH).then().statusCode(200).body("url", equalTo(PUBLIC_URL));
        assertEquals(secret, storedSecret(customer.accountId()));
    }

    @Test
    void refusesMalformedJson() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        put(customer, "{\"url\": ").statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].code", equalTo("malformed_json"));
    }

    @Test
    void needsABearerToken() {
        given().get(PATH).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("url", PUBLIC_URL)).put(PATH).then().statusCode(401);
        given().post(PATH + "/secret").then().statusCode(401);
        given().delete(PATH).then().statusCode(401);
    }

    private static void refuses(String url, String code) {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        putUrl(customer, url)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_request"))
                .body("errors.field", equalTo(List.of("url")))
                .body("errors[0].code", equalTo(code));
        given().auth().oauth2(customer.token()).get(PATH).then().statusCode(404);
        assertTrue(!profile(customer.accountId()).containsKey("webhook_url"), url + " was stored");
    }
}
