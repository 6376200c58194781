package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal's session rules, through the Lambda mock event server like every API test: the
 * cookie's attributes, expiry after 12 hours, revocation on sign-out, the lock-out after five
 * wrong passwords, the form token on every POST, the account boundary, and that no password
 * reaches the log.
 */
@QuarkusTest
@TestProfile(PortalClockProfile.class)
@QuarkusTestResource(LocalStackResource.class)
class PortalSessionTest {

    private static final String PASSWORD = "correct horse battery " + UUID.randomUUID();

    @AfterEach
    void realTimeAgain() {
        MovableClock.reset();
    }

    record User(ApiFixtures.Customer customer, String email) {
    }

    private static User newUser() {
        return newUser(ApiFixtures.newCustomer(1000));
    }

    private static User newUser(ApiFixtures.Customer customer) {
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD))
                .post("/ng/v1/admin/accounts/" + customer.accountId() + "/users")
                .then().statusCode(201);
        return new User(customer, email);
    }

    private static PortalBrowser signedIn(User user) {
        PortalBrowser browser = new PortalBrowser();
        assertEquals(303, browser.signIn(user.email(), PASSWORD).statusCode());
        assertEquals(200, browser.get("/portal/overview").statusCode());
        return browser;
    }

    @Test
    void theSessionCookieIsHttpOnlySecureStrictAndLastsTwelveHours() {
        User user = newUser();
        PortalBrowser browser = new PortalBrowser();
        Response signIn = browser.signIn(user.email(), PASSWORD);

        assertEquals(303, signIn.statusCode());
        assertTrue(signIn.header("Location").endsWith("/portal/overview"), signIn.header("Location"));
        String cookie = signIn.getHeaders().getList("Set-Cookie").stream().map(h -> h.getValue())
                .filter(v -> v.startsWith("__Host-portal_session=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.contains("Max-Age=43200"), cookie);
        assertTrue(cookie.contains("Path=/;"), cookie);
    }

    @Test
    void aPageWithoutASessionSendsTheBrowserToSignIn() {
        Response page = new PortalBrowser().get("/portal/overview");

        assertEquals(303, page.statusCode());
        assertTrue(page.header("Location").endsWith("/portal/sign-in"), page.header("Location"));
    }

    @Test
    void aSessionExpiresAfterTwelveHours() {
        PortalBrowser browser = signedIn(newUser());

        MovableClock.advance(Duration.ofHours(12).minusMinutes(1));
        assertEquals(200, browser.get("/portal/overview").statusCode());
        MovableClock.advance(Duration.ofMinutes(2));
        assertEquals(303, browser.get("/portal/overview").statusCode());
    }

    @Test
    void signingOutRevokesTheSessionEvenForACopyOfItsCookie() {
        PortalBrowser browser = signedIn(newUser());
        PortalBrowser copy = new PortalBrowser();
        copy.cookies().putAll(browser.cookies());

        assertEquals(303, browser.post("/portal/sign-out", Map.of()).statusCode());

        assertEquals(303, copy.get("/portal/overview").statusCode());
        assertEquals(303, browser.get("/portal/overview").statusCode());
    }

    @Test
    void fiveWrongPasswordsLockTheUserForFifteenMinutesEvenAgainstTheRightOne() {
        User user = newUser();
        PortalBrowser browser = new PortalBrowser();
        for (int i = 1; i <= 4; i++) {
            Response wrong = browser.signIn(user.email(), "wrong password " + i);
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.asString().contains("Wrong email or password."));
        }
        Response fifth = browser.signIn(user.email(), "wrong password 5");
        assertEquals(423, fifth.statusCode());
        assertTrue(fifth.asString().contains("locked until"));

        assertEquals(423, browser.signIn(user.email(), PASSWORD).statusCode());
        MovableClock.advance(Duration.ofMinutes(14));
        assertEquals(423, browser.signIn(user.email(), PASSWORD).statusCode());
        MovableClock.advance(Duration.ofMinutes(2));
        assertEquals(303, browser.signIn(user.email(), PASSWORD).statusCode());
    }

    @Test
    void aRightPasswordStartsTheCountOfWrongOnesAgain() {
        User user = newUser();
        PortalBrowser browser = new PortalBrowser();
        for (int i = 0; i < 4; i++) {
            assertEquals(401, browser.signIn(user.email(), "wrong").statusCode());
        }
        assertEquals(303, browser.signIn(user.email(), PASSWORD).statusCode());
        for (int i = 0; i < 4; i++) {
            assertEquals(401, browser.signIn(user.email(), "wrong").statusCode());
        }
        assertEquals(303, browser.signIn(user.email(), PASSWORD).statusCode());
    }

    @Test
    void anUnknownEmailIsRefusedLikeAWrongPassword() {
        Response refused = new PortalBrowser().signIn("nobody-" + UUID.randomUUID() + "@example.com", PASSWORD);

        assertEquals(401, refused.statusCode());
        assertTrue(refused.asString().contains("Wrong email or password."));
    }

    @Test
    void everyFormPostedWithoutItsSessionsTokenIsRefusedAndChangesNothing() {
        User user = newUser();
        PortalBrowser browser = signedIn(user);
        PortalBrowser other = signedIn(newUser());
        String[] posts = {"/portal/sign-out", "/portal/send", "/portal/send/count", "/portal/sender-ids", "/portal/groups",
                "/portal/settings/webhook", "/portal/settings/webhook/secret", "/portal/settings/webhook/delete",
                "/portal/settings/tokens", "/portal/settings/tokens/revoke", "/portal/opt-outs", "/portal/opt-outs/remove",
                "/portal/settings/quiet-hours", "/portal/settings/quiet-hours/delete", "/portal/batches/any-batch/cancel"};
        for (String path : posts) {
            assertEquals(403, browser.postWithoutToken(path, Map.of("sender_id", "NoToken")).statusCode(), path);
            assertEquals(403, browser.postWithoutToken(path, Map.of("csrf_token", other.formToken(), "sender_id", "Theirs"))
                    .statusCode(), path);
        }
        String senders = browser.get("/portal/sender-ids").asString();
        assertFalse(senders.contains("NoToken") || senders.contains("Theirs"), senders);
        // Still signed in: the refused sign-out did not sign out.
        assertEquals(200, browser.get("/portal/overview").statusCode());

        assertEquals(200, browser.post("/portal/sender-ids", Map.of("sender_id", "WithToken")).statusCode());
        assertTrue(browser.get("/portal/sender-ids").asString().contains("WithToken"));
    }

    @Test
    void optOutQuietHoursAndCancelFormsWithoutTheTokenChangeNothing() {
        User user = newUser(ApiFixtures.newCustomerWithSender(1000, "Shop"));
        String token = user.customer().token();
        String scheduled = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("from", "Shop", "to", "+2348020000001", "body", "later", "send_at", java.time.Instant.now().plus(Duration.ofDays(30)).toString()))
                .post("/ng/v1/sendsms").then().statusCode(202).extract().path("reference_id");
        PortalBrowser browser = signedIn(user);

        assertEquals(403, browser.postWithoutToken("/portal/opt-outs", Map.of("numbers", "+2348020000009")).statusCode());
        assertEquals(403, browser.postWithoutToken("/portal/settings/quiet-hours", Map.of("start", "21:00", "end", "08:00"))
                .statusCode());
        assertEquals(403, browser.postWithoutToken("/portal/batches/" + scheduled + "/cancel", Map.of()).statusCode());

        given().auth().oauth2(token).get("/ng/v1/opt-outs").then().statusCode(200).body("opt_outs.size()", org.hamcrest.Matchers.is(0));
        given().auth().oauth2(token).get("/ng/v1/settings/quiet-hours").then().statusCode(404);
        given().auth().oauth2(token).get("/ng/v1/sendsms/status/" + scheduled).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("scheduled"));

        // With the token, the same forms work, through the API's own use cases.
        assertEquals(200, browser.post("/portal/opt-outs", Map.of("numbers", "+2348020000009")).statusCode());
        assertEquals(200, browser.post("/portal/settings/quiet-hours", Map.of("start", "21:00", "end", "08:00")).statusCode());
        assertEquals(303, browser.post("/portal/batches/" + scheduled + "/cancel", Map.of()).statusCode());
        given().auth().oauth2(token).get("/ng/v1/opt-outs").then().body("opt_outs[0].number", org.hamcrest.Matchers.is("2348020000009"));
        given().auth().oauth2(token).get("/ng/v1/settings/quiet-hours").then().statusCode(200)
                .body("start", org.hamcrest.Matchers.is("21:00"));
        given().auth().oauth2(token).get("/ng/v1/sendsms/status/" + scheduled).then()
                .body("status", org.hamcrest.Matchers.is("cancelled"));
    }

    @Test
    void theLiveCountIsTheDryRunsPriceOfTheSameForm() {
        User user = newUser(ApiFixtures.newCustomerWithSender(1000, "Shop"));
        PortalBrowser browser = signedIn(user);
        Map<String, String> form = Map.of("from", "Shop", "to", "+2348020000001, +2348020000002, not-a-number",
                "body", "x".repeat(161));

        Response count = browser.post("/portal/send/count", form);
        int dryRunCost = given().auth().oauth2(user.customer().token()).contentType(ContentType.JSON)
                .body(Map.of("from", "Shop", "to", java.util.List.of("+2348020000001", "+2348020000002", "not-a-number"),
                        "body", "x".repeat(161)))
                .post("/ng/v1/sendsms/dry_run").then().statusCode(200).extract().path("cost");

        assertEquals(200, count.statusCode());
        assertEquals(4, dryRunCost);
        assertEquals(dryRunCost, (int) count.path("cost"));
        assertEquals(2, (int) count.path("recipients"));
        assertEquals(1, (int) count.path("recipients_rejected"));
        assertEquals(2, (int) count.path("parts"));
        Response notYet = browser.post("/portal/send/count", Map.of("from", "Shop", "body", "Привет"));
        assertEquals("UCS2", notYet.path("encoding"));
        assertEquals(0, (int) notYet.path("cost"));
        assertTrue(((String) notYet.path("problem")).contains("to"), notYet.asString());
    }

    @Test
    void theSignInFormIsRefusedWithoutTheFormCookiesToken() {
        User user = newUser();
        PortalBrowser browser = new PortalBrowser();

        Response refused = browser.postWithoutToken("/portal/sign-in", Map.of("email", user.email(), "password", PASSWORD,
                "csrf_token", "made-up"));

        assertEquals(403, refused.statusCode());
        assertEquals(null, browser.sessionCookie());
    }

    @Test
    void anotherAccountsGroupsAndBatchesAreNotFound() {
        User mine = newUser();
        ApiFixtures.Customer theirs = ApiFixtures.newCustomerWithSender(1000, "Theirs");
        String theirGroup = given().auth().oauth2(theirs.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "theirs", "members", java.util.List.of("+2348020000001")))
                .post("/ng/v1/groups").then().statusCode(201).extract().path("group_id");
        String theirBatch = given().auth().oauth2(theirs.token()).contentType(ContentType.JSON)
                .body(Map.of("from", "Theirs", "to", "+2348020000001", "body", "hello"))
                .post("/ng/v1/sendsms").then().statusCode(202).extract().path("reference_id");
        PortalBrowser browser = signedIn(mine);

        assertEquals(404, browser.get("/portal/groups/" + theirGroup).statusCode());
        assertEquals(404, browser.get("/portal/batches/" + theirBatch).statusCode());
        assertEquals(404, browser.post("/portal/groups/" + theirGroup + "/members", Map.of("add", "+2348020000002")).statusCode());
        assertEquals(404, browser.post("/portal/groups/" + theirGroup + "/delete", Map.of()).statusCode());
        assertEquals(404, browser.post("/portal/batches/" + theirBatch + "/cancel", Map.of()).statusCode());
        assertEquals(404, browser.get("/portal/batches/" + theirBatch + "/recipients/2348020000001").statusCode());
        assertFalse(browser.get("/portal/batches").asString().contains(theirBatch));
        assertEquals(1, (int) given().auth().oauth2(theirs.token()).get("/ng/v1/groups/" + theirGroup)
                .then().statusCode(200).extract().path("size"));
    }

    @Test
    void aFirstPasswordLinkWorksOnceAndNotAfterADay() throws IOException {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String email = "grace-" + UUID.randomUUID() + "@example.com";
        String token = given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("email", email)).post("/ng/v1/admin/accounts/" + customer.accountId() + "/users")
                .then().statusCode(201).extract().path("first_password_token");
        assertNotNull(token);
        PortalBrowser browser = new PortalBrowser();
        assertEquals(401, browser.signIn(email, PASSWORD).statusCode());

        browser.get("/portal/first-password?token=" + token);
        Response tooShort = browser.post("/portal/first-password", Map.of("token", token, "password", "short"));
        assertEquals(400, tooShort.statusCode());
        assertTrue(tooShort.asString().contains("id=\"password-error\""));
        assertEquals(200, browser.post("/portal/first-password", Map.of("token", token, "password", PASSWORD)).statusCode());
        assertEquals(303, new PortalBrowser().signIn(email, PASSWORD).statusCode());

        browser.get("/portal/first-password?token=" + token);
        Response again = browser.post("/portal/first-password", Map.of("token", token, "password", "another password 123"));
        assertEquals(400, again.statusCode());
        assertTrue(again.asString().contains("id=\"token-error\""));

        String late = given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("email", "late-" + email)).post("/ng/v1/admin/accounts/" + customer.accountId() + "/users")
                .then().statusCode(201).extract().path("first_password_token");
        MovableClock.advance(Duration.ofHours(24).plusMinutes(1));
        browser.get("/portal/first-password?token=" + late);
        assertEquals(400, browser.post("/portal/first-password", Map.of("token", late, "password", PASSWORD)).statusCode());

        String log = Files.readString(Path.of("target/test-log.json"));
        assertFalse(log.contains(PASSWORD), "a password reached the log");
        assertFalse(log.contains(token), "a first-password token reached the log");
    }

    @Test
    void theOperatorCannotAddAUserTwiceOrToNoAccount() {
        User user = newUser();
        given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("email", user.email().toUpperCase(), "password", PASSWORD))
                .post("/ng/v1/admin/accounts/" + user.customer().accountId() + "/users")
                .then().statusCode(409);
        given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("email", "x-" + user.email(), "password", PASSWORD))
                .post("/ng/v1/admin/accounts/acc_nosuchaccount/users")
                .then().statusCode(404);
        given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("email", "not an address", "password", "short"))
                .post("/ng/v1/admin/accounts/" + user.customer().accountId() + "/users")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("email", "password"));
        given().contentType(ContentType.JSON).body(Map.of("email", "y-" + user.email()))
                .post("/ng/v1/admin/accounts/" + user.customer().accountId() + "/users")
                .then().statusCode(401);
    }

    @Test
    void staticAssetsAreCachedAndPagesAreNot() {
        given().get("/portal/assets/portal.css").then().statusCode(200)
                .header("Cache-Control", "max-age=86400");
        given().get("/portal/assets/portal.js").then().statusCode(200)
                .header("Cache-Control", "max-age=86400");
        PortalBrowser browser = signedIn(newUser());
        assertEquals("no-store", browser.get("/portal/overview").header("Cache-Control"));
    }
}
