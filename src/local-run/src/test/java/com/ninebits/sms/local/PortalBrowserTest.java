package com.ninebits.sms.local;

import com.ninebits.sms.testsupport.OperatorApi;
import com.ninebits.sms.testsupport.TestAccount;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal in a real browser (headless Chromium) against the whole local run: every function
 * from its function.zip behind the local Lambda runtime, the SMSC simulator delivering, as a
 * customer uses it. Each test opens an account of its own with a portal user through the operator
 * API. Two screenshots of the run are README's.
 */
@ExtendWith(Chromium.class)
class PortalBrowserTest {

    /** Where README's screenshots are kept (the module's own folder: the repository's top level stays as it is). */
    static final Path README_SHOTS = Path.of("screenshots");
    private static final String PASSWORD = "a long portal password";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** The names a form field may have: the API's own fields, and the form token. */
    private static final Set<String> API_FIELDS = Set.of("csrf_token", "email", "password", "token", "from", "to", "body",
            "send_at", "delivery_report", "reference_id", "sender_id", "name", "members", "add", "remove", "file", "url",
            "token_id", "status", "created_after", "created_before", "numbers", "number", "start", "end");

    private static LocalGateway gateway;
    private static HttpServer receiver;
    private final HttpClient http = HttpClient.newHttpClient();
    private WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        gateway = LocalGateway.start(repoRoot(), LocalGateway.Options.fromEnvironment(Map.of())
                .withPorts(0, 0, 0).withHttpInstances(1));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @AfterEach
    void closeBrowser() {
        Chromium.close();
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("infra/template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no infra/template.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private record Customer(String accountId, String apiToken, String email) {
    }

    private Customer customer() {
        TestAccount.Opened opened = OperatorApi.open(gateway.apiBaseUrl(), gateway.adminKey(),
                TestAccount.withBalance(1000).webhook(hookUrl()));
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        OperatorApi.addPortalUser(gateway.apiBaseUrl(), gateway.adminKey(), opened.accountId(), email, PASSWORD);
        return new Customer(opened.accountId(), opened.apiToken(), email);
    }

    private static String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private WebDriver browser(int width) {
        browser = Chromium.open(width, 900);
        return browser;
    }

    private void go(String path) {
        browser.get(gateway.apiBaseUrl() + path);
    }

    private void signIn(String email, String password) {
        go("/portal/sign-in");
        field("email").sendKeys(email);
        field("password").sendKeys(password);
        clickAndWait(browser.findElement(By.cssSelector("form[action='/portal/sign-in'] button")));
    }

    private WebElement field(String name) {
        return browser.findElement(By.name(name));
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private void submit(String formAction) {
        clickAndWait(browser.findElement(By.cssSelector("form[action='" + formAction + "'] button[type=submit]")));
    }

    /** Clicks a form's button and waits for the page it posted to, so that nothing is read off the page before. */
    private void clickAndWait(WebElement button) {
        button.click();
        new WebDriverWait(browser, PATIENCE).withMessage("the page after the click").until(d -> gone(button));
    }

    /**
     * Whether the element left the page. Chromium answers a question about an element of a page
     * being replaced either as stale or as a node that "does not belong to the document": both mean gone.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    private void waitFor(String what, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, PATIENCE).withMessage(what).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition);
    }

    /** Every visible field has a visible label naming it, and a name the API knows. */
    private void assertEveryFieldLabelled() {
        for (WebElement f : browser.findElements(By.cssSelector("input, select, textarea"))) {
            String type = f.getAttribute("type");
            String name = f.getAttribute("name");
            assertTrue(API_FIELDS.contains(name), "a field named " + name + " on " + browser.getCurrentUrl());
            if ("hidden".equals(type)) {
                continue;
            }
            String id = f.getAttribute("id");
            List<WebElement> labels = browser.findElements(By.cssSelector("label[for='" + id + "']"));
            assertEquals(1, labels.size(), "label of " + id + " on " + browser.getCurrentUrl());
            assertTrue(labels.get(0).isDisplayed() && !labels.get(0).getText().isBlank(), "visible label of " + id);
        }
    }

    @Test
    void signsInAndOut() {
        Customer c = customer();
        browser(1280);
        signIn(c.email(), PASSWORD);

        waitFor("the overview", d -> d.getCurrentUrl().endsWith("/portal/overview"));
        assertEquals("1000", byId("balance").getText());
        clickAndWait(browser.findElement(By.cssSelector("form.signout button")));
        waitFor("the sign-in page", d -> d.getCurrentUrl().endsWith("/portal/sign-in"));
        go("/portal/overview");
        assertTrue(browser.getCurrentUrl().endsWith("/portal/sign-in"), browser.getCurrentUrl());
    }

    @Test
    void aWrongPasswordIsShownAtTheFieldAndTheFifthLocksTheUser() {
        Customer c = customer();
        browser(1280);
        assertEveryFieldLabelledOn("/portal/sign-in");
        for (int i = 1; i <= 4; i++) {
            signIn(c.email(), "not the password " + i);
            assertEquals("Wrong email or password.", byId("password-error").getText());
            assertEquals("true", field("password").getAttribute("aria-invalid"));
        }
        signIn(c.email(), "not the password 5");
        assertTrue(byId("password-error").getText().contains("locked until"), byId("password-error").getText());

        signIn(c.email(), PASSWORD);
        assertTrue(byId("password-error").getText().contains("locked until"));
        assertTrue(browser.getCurrentUrl().endsWith("/portal/sign-in"));
    }

    private void assertEveryFieldLabelledOn(String path) {
        go(path);
        assertEveryFieldLabelled();
    }

    @Test
    void setsTheWebhookAndRotatesItsSecret() {
        Customer c = customer();
        browser(1280);
        signIn(c.email(), PASSWORD);
        go("/portal/settings/webhook");
        assertEveryFieldLabelled();

        field("url").clear();
        field("url").sendKeys("not a url");
        submit("/portal/settings/webhook");
        assertTrue(byId("url-error").isDisplayed());

        field("url").clear();
        field("url").sendKeys(hookUrl() + "?v=2");
        submit("/portal/settings/webhook");
        assertEquals(hookUrl() + "?v=2", field("url").getAttribute("value"));
        // The URL changed, the secret stayed: none is shown.
        assertTrue(browser.findElements(By.id("secret")).isEmpty());

        clickAndWait(byId("rotate"));
        String first = byId("secret").getText();
        assertTrue(first.startsWith("whsec_"), first);
        clickAndWait(byId("rotate"));
        String second = byId("secret").getText();
        assertNotEquals(first, second);
        go("/portal/settings/webhook");
        assertTrue(browser.findElements(By.id("secret")).isEmpty(), "a secret is shown only once");
    }

    @Test
    void requestsASenderIdAndSeesItPending() {
        Customer c = customer();
        browser(1280);
        signIn(c.email(), PASSWORD);
        go("/portal/sender-ids");
        assertEveryFieldLabelled();

        field("sender_id").sendKeys("this one is far too long");
        submit("/portal/sender-ids");
        assertTrue(byId("sender_id-error").isDisplayed());

        field("sender_id").clear();
        field("sender_id").sendKeys("Shop42");
        submit("/portal/sender-ids");
        String table = byId("sender-ids").getText();
        assertTrue(table.contains("Shop42 pending"), table);
        assertTrue(table.contains("myCode approved"), table);
    }

    @Test
    void composesATwoPartMessageSeesPartsAndCostSendsItToAGroupAndWatchesItDelivered() {
        Customer c = customer();
        browser(1280);
        signIn(c.email(), PASSWORD);
        String group = createGroup("Regulars", "+2348021000001\n+2348021000002");

        go("/portal/send");
        assertEveryFieldLabelled();
        new Select(field("from")).selectByValue("myCode");
        byId("grp-" + group).click();
        String body = "Our shop opens at nine tomorrow. ".repeat(6);
        field("body").sendKeys(body);
        field("delivery_report").click();
        waitFor("the live count", d -> byId("count-parts").getText().equals("2") && byId("count-cost").getText().equals("4"));
        assertEquals(Integer.toString(body.length()), byId("count-characters").getText());
        assertEquals("GSM7", byId("count-encoding").getText());
        assertEquals("2", byId("count-recipients").getText());
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
        Chromium.screenshot(browser, README_SHOTS.resolve("portal-send.png"));

        submit("/portal/send");
        waitFor("the batch page", d -> d.getCurrentUrl().contains("/portal/batches/"));
        assertEquals("2", byId("batch-parts").getText());
        assertEquals("4", byId("batch-cost").getText());
        waitFor("both messages delivered", d -> byId("counts").getText().contains("delivered 2"));
        assertEquals(2, browser.findElements(By.cssSelector("#recipients .status-delivered")).size());
        Chromium.screenshot(browser, README_SHOTS.resolve("portal-batch.png"));
        go("/portal/overview");
        assertEquals("996", byId("balance").getText());
        assertTrue(byId("batches").getText().contains("delivered 2"), byId("batches").getText());

        go("/portal/batches");
        assertEveryFieldLabelled();
        new Select(field("status")).selectByValue("completed");
        submit("/portal/batches");
        WebElement listed = byId("batches");
        assertTrue(listed.getText().contains("completed") && listed.getText().contains("myCode"), listed.getText());
        clickAndWait(listed.findElement(By.cssSelector("a")));
        assertTrue(browser.findElements(By.id("cancel-batch")).isEmpty(), "a completed batch has nothing to cancel");
        clickAndWait(browser.findElement(By.cssSelector("#recipients a")));
        String history = byId("history").getText();
        assertTrue(history.contains("dispatched") && history.contains("delivered"), history);
        assertEquals("delivered", byId("recipient-status").getText());
    }

    @Test
    void cancelsAScheduledBatchFromItsPageAndGetsTheCreditBack() {
        Customer c = customer();
        browser(1280);
        signIn(c.email(), PASSWORD);
        go("/portal/send");
        new Select(field("from")).selectByValue("myCode");
        field("to").sendKeys("+2348021000031\n+2348021000032");
        field("body").sendKeys("See you next year");
        String inAMonth = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(30).withSecond(0).withNano(0).toString();
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", field("send_at"), inAMonth);
        waitFor("the live count", d -> byId("count-cost").getText().equals("2"));
        submit("/portal/send");
        waitFor("the batch page", d -> d.getCurrentUrl().contains("/portal/batches/"));
        assertEquals("scheduled", byId("batch-status").getText());
        go("/portal/overview");
        assertEquals("998", byId("balance").getText());
        clickAndWait(byId("batches").findElement(By.cssSelector("a")));

        clickAndWait(byId("cancel-batch"));
        assertEquals("cancelled", byId("batch-status").getText());
        assertTrue(byId("counts").getText().contains("cancelled 2"), byId("counts").getText());
        assertTrue(browser.findElements(By.id("cancel-batch")).isEmpty());
        go("/portal/overview");
        assertEquals("1000", byId("balance").getText());
    }

    @Test
    void addsAndRemovesAnOptOut() {
        Customer c = customer();
        browser(1280);
        signIn(c.email(), PASSWORD);
        go("/portal/opt-outs");
        assertEveryFieldLabelled();

        field("numbers").sendKeys("+2348021000041, not a number");
        submit("/portal/opt-outs");
        assertTrue(byId("numbers-error").getText().contains("not a possible phone number"), byId("numbers-error").getText());
        assertTrue(browser.findElements(By.cssSelector("#opt-outs tbody tr")).isEmpty(), "none added of a bad list");

        field("numbers").clear();
        field("numbers").sendKeys("+2348021000041\n08021000042");
        submit("/portal/opt-outs");
        String listed = byId("opt-outs").getText();
        assertTrue(listed.contains("2348021000041") && listed.contains("2348021000042"), listed);

        field("number").sendKeys("+2348021000041");
        submit("/portal/opt-outs/remove");
        listed = byId("opt-outs").getText();
        assertTrue(!listed.contains("2348021000041") && listed.contains("2348021000042"), listed);
        field("number").sendKeys("+2348021000041");
        submit("/portal/opt-outs/remove");
        assertTrue(byId("number-error").isDisplayed());
    }

    @Test
    void setsAndRemovesQuietHours() throws Exception {
        Customer c = customer();
        browser(1280);
        signIn(c.email(), PASSWORD);
        go("/portal/settings/quiet-hours");
        assertEveryFieldLabelled();
        assertTrue(byId("quiet-hours-state").getText().startsWith("Not set"));

        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("arguments[0].value = '21:00'; arguments[1].value = '08:00';", field("start"), field("end"));
        submit("/portal/settings/quiet-hours");
        assertEquals("Set: 21:00 to 08:00.", byId("quiet-hours-state").getText());
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(gateway.apiBaseUrl() + "/ng/v1/settings/quiet-hours"))
                .header("Authorization", "Bearer " + c.apiToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, set.statusCode());
        assertTrue(set.body().contains("\"start\":\"21:00\"") && set.body().contains("\"end\":\"08:00\""), set.body());

        clickAndWait(byId("remove-quiet-hours"));
        assertTrue(byId("quiet-hours-state").getText().startsWith("Not set"));
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(gateway.apiBaseUrl() + "/ng/v1/settings/quiet-hours"))
                .header("Authorization", "Bearer " + c.apiToken()).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private String createGroup(String name, String members) {
        go("/portal/groups");
        assertEveryFieldLabelled();
        field("name").sendKeys(name);
        field("members").sendKeys(members);
        submit("/portal/groups");
        waitFor("the group's page", d -> d.getCurrentUrl().contains("/portal/groups/grp_"));
        String url = browser.getCurrentUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void importsACsvFileListingItsBadLineAndImportingTheRest() throws Exception {
        Customer c = customer();
        browser(1280);
        signIn(c.email(), PASSWORD);
        String group = createGroup("Imported", "+2348021000009");
        Path csv = Files.createTempFile("numbers", ".csv");
        Files.writeString(csv, "phone,name\n+2348021000011,Ada\nnot a number,Bad\n08021000012,Grace\n");

        assertEveryFieldLabelled();
        field("file").sendKeys(csv.toAbsolutePath().toString());
        submit("/portal/groups/" + group + "/import");

        String bad = byId("bad-lines").getText();
        assertTrue(bad.contains("Line 3: not a number"), bad);
        assertTrue(browser.findElement(By.cssSelector(".notice")).getText().startsWith("2 numbers imported"));
        assertEquals("3", byId("group-size").getText());
        String members = byId("members").getText();
        assertTrue(members.contains("2348021000011") && members.contains("2348021000012"), members);
    }

    @Test
    void createsAnApiTokenThatWorksUntilItIsRevoked() throws Exception {
        Customer c = customer();
        browser(1280);
        signIn(c.email(), PASSWORD);
        go("/portal/settings/tokens");
        assertEveryFieldLabelled();

        clickAndWait(byId("create-token"));
        String token = byId("api-token").getText();
        String tokenId = byId("new-token-id").getText();
        assertTrue(token.startsWith("sk_" + tokenId + "_"), token);
        assertEquals(200, account(token));

        field("token_id").sendKeys(tokenId);
        submit("/portal/settings/tokens/revoke");
        assertTrue(browser.findElement(By.cssSelector(".notice")).getText().contains("revoked"));
        assertEquals(401, account(token));
        assertEquals(200, account(c.apiToken()), "only the revoked token is refused");
        go("/portal/settings/tokens");
        assertTrue(browser.findElements(By.id("api-token")).isEmpty(), "a token is shown only once");
    }

    private int account(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.apiBaseUrl() + "/ng/v1/account"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void everyPageFitsAScreen375PixelsWide() {
        Customer c = customer();
        browser(375);
        signIn(c.email(), PASSWORD);
        String group = createGroup("Narrow", "+2348021000021");
        for (String page : List.of("/portal/overview", "/portal/send", "/portal/batches", "/portal/sender-ids",
                "/portal/groups", "/portal/groups/" + group, "/portal/opt-outs", "/portal/settings/webhook",
                "/portal/settings/quiet-hours", "/portal/settings/tokens")) {
            go(page);
            long scrollWidth = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth;");
            long viewport = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
            assertTrue(scrollWidth <= viewport, page + " is " + scrollWidth + " px wide in a " + viewport + " px window");
            assertTrue(browser.findElement(By.cssSelector("nav[aria-label=Main]")).isDisplayed(), page);
            assertEveryFieldLabelled();
        }
        go("/portal/send");
        field("body").sendKeys("Привет");
        waitFor("the count in UCS-2", d -> byId("count-encoding").getText().equals("UCS2"));
        assertTrue(byId("body").getSize().getWidth() <= 375);
    }
}
