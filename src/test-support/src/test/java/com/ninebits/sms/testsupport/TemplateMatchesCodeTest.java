package com.ninebits.sms.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SAM template and the code describe the same system: every route the HTTP function serves
 * is routed to it, every handler has its function, every configuration key the code needs is set,
 * and nothing in the template is left unused. Reads the sources, so it needs no build of them.
 */
class TemplateMatchesCodeTest {

    private static final Path ROOT = LocalStack.findRepoRoot();
    private static final Template TEMPLATE = Template.load(ROOT.resolve("infra/template.yaml"));

    private static final Pattern CLASS_PATH = Pattern.compile("^@Path\\(\"([^\"]+)\"\\)", Pattern.MULTILINE);
    private static final Pattern METHOD = Pattern.compile(
            "@(GET|POST|PUT|DELETE|PATCH)(?:[ \\t]*\\n\\s*@Path\\(\"([^\"]*)\"\\))?");
    private static final Pattern NAMED_HANDLER = Pattern.compile("@Named\\(\"([^\"]+)\"\\)\\s*\\n\\s*public class \\w+ implements RequestHandler");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");

    @Test
    void everyRouteTheApiServesIsRoutedToItAndNoRouteIsLeftOver() {
        assertRoutesMatch("src/api-function/src/main/java", "ApiFunction");
    }

    @Test
    void theApiDescriptionIsRoutedWhereTheApiServesIt() {
        String path = openApiPath("src/api-function");
        assertTrue(path.startsWith("/ng/v1/"), "the API description is served at " + path);
        for (String route : List.of(path + ".json", path + ".yaml")) {
            assertTrue(httpRoutes("ApiFunction").stream().anyMatch(r -> matches(r, "GET", route)), "no HttpApi route for GET " + route);
        }
    }

    @Test
    void everyRouteTheDlrWebhookServesIsRoutedToItAndNoRouteIsLeftOver() {
        assertRoutesMatch("src/dlr-function/src/main/java", "DlrFunction");
    }

    private static void assertRoutesMatch(String sources, String function) {
        Set<String> served = new TreeSet<>();
        for (Path file : javaFiles(sources)) {
            String source = read(file);
            Matcher classPath = CLASS_PATH.matcher(source);
            if (!classPath.find()) {
                continue;
            }
            Matcher m = METHOD.matcher(source);
            while (m.find()) {
                String sub = m.group(2) == null ? "" : m.group(2);
                served.add(m.group(1) + " " + normalise(classPath.group(1) + (sub.isEmpty() || sub.startsWith("/") ? sub : "/" + sub)));
            }
        }
        String openApi = openApiPath(sources.substring(0, sources.indexOf("/src/main")));
        if (openApi != null) {
            // Served by the OpenAPI extension's own route, not a resource.
            served.add("GET " + openApi + ".json");
            served.add("GET " + openApi + ".yaml");
        }
        List<String[]> routed = httpRoutes(function);
        for (String route : served) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            assertTrue(routed.stream().anyMatch(r -> matches(r, method, path)), "no HttpApi route for " + route);
        }
        for (String[] r : routed) {
            if (r[1].equals(DEFAULT_ROUTE)) {
                // Served by the function's own refusal of what it has no resource for.
                continue;
            }
            assertTrue(served.stream().anyMatch(s -> matches(r, s.substring(0, s.indexOf(' ')), s.substring(s.indexOf(' ') + 1))),
                    "the template routes " + r[0] + " " + r[1] + " but no resource serves it");
        }
    }

    @Test
    void anUnknownRouteReachesTheApiFunctionThroughTheOneDefaultRoute() {
        List<String> owners = new ArrayList<>();
        for (Template.FunctionDef f : TEMPLATE.functions()) {
            if (httpRoutes(f.logicalId()).stream().anyMatch(r -> r[1].equals(DEFAULT_ROUTE) && r[0].equals("ANY"))) {
                owners.add(f.logicalId());
            }
        }
        assertEquals(List.of("ApiFunction"), owners);
    }

    @Test
    void everyHandlerHasItsFunctionAndEveryFunctionItsHandler() {
        Set<String> handlers = new TreeSet<>();
        for (Path file : javaFiles("src/event-functions/src/main/java")) {
            Matcher m = NAMED_HANDLER.matcher(read(file));
            while (m.find()) {
                handlers.add(m.group(1));
            }
        }
        Set<String> deployed = new TreeSet<>();
        for (Template.FunctionDef f : TEMPLATE.functions()) {
            Object handler = f.environment().get("QUARKUS_LAMBDA_HANDLER");
            if (handler != null) {
                deployed.add(handler.toString());
                assertTrue(f.codeUri().contains("event-functions"), f.logicalId() + " picks a handler but is not the event-functions build");
            }
        }
        assertEquals(handlers, deployed);
    }

    @Test
    void everySmsVariableInTheTemplateIsAKeyTheCodeReads() {
        Set<String> keys = configKeys();
        Set<String> variables = new TreeSet<>();
        TEMPLATE.globalEnvironment().keySet().forEach(variables::add);
        TEMPLATE.functions().forEach(f -> variables.addAll(f.environment().keySet()));
        for (String variable : variables) {
            if (!variable.startsWith("SMS_")) {
                continue;
            }
            assertTrue(keys.contains(LocalStack.propertyName(variable)), variable + " is set by the template but read by no code");
        }
        // And the keys the code needs without a default are set for every function.
        for (String required : List.of("sms.table.accounts", "sms.table.batches", "sms.table.messages", "sms.queue.dispatch")) {
            assertTrue(keys.contains(required), required);
            String variable = required.toUpperCase(Locale.ROOT).replace('.', '_');
            assertTrue(TEMPLATE.globalEnvironment().containsKey(variable), variable + " is required by every function");
        }
    }

    @Test
    void everyTableAndQueueIsUsed() {
        String all = TEMPLATE.raw().toString();
        for (Template.Resource r : TEMPLATE.resources().values()) {
            if (!r.type().equals(LocalStack.TABLE) && !r.type().equals(LocalStack.QUEUE)) {
                continue;
            }
            String ref = "Intrinsic[tag=Ref, value=" + r.logicalId() + "]";
            String getAtt = r.logicalId() + ".Arn";
            boolean referenced = all.contains(ref) || all.contains(getAtt) || all.contains("[" + r.logicalId() + ", Arn]");
            assertTrue(referenced, r.logicalId() + " is declared but nothing uses it");
        }
    }

    /** Where a function module serves its OpenAPI document ({@code quarkus.smallrye-openapi.path}); null if it does not. */
    private static String openApiPath(String module) {
        Path properties = ROOT.resolve(module).resolve("src/main/resources/application.properties");
        if (!Files.exists(properties)) {
            return null;
        }
        Matcher m = Pattern.compile("^quarkus\\.smallrye-openapi\\.path=(\\S+)$", Pattern.MULTILINE).matcher(read(properties));
        return m.find() ? m.group(1) : null;
    }

    private static Set<String> configKeys() {
        Set<String> keys = new HashSet<>();
        Pattern accessor = Pattern.compile("^\\s+(?:Optional<\\w+>|String|int|boolean|long|URI|Optional<URI>)\\s+(\\w+)\\(\\);", Pattern.MULTILINE);
        for (Path file : javaFiles("src")) {
            String source = read(file);
            Matcher mapping = MAPPING.matcher(source);
            if (!mapping.find()) {
                continue;
            }
            String prefix = mapping.group(1);
            Matcher m = accessor.matcher(source);
            while (m.find()) {
                keys.add(prefix + "." + m.group(1));
            }
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static final String DEFAULT_ROUTE = "$default";

    private static List<String[]> httpRoutes(String function) {
        List<String[]> routes = new ArrayList<>();
        for (Template.EventDef e : TEMPLATE.function(function).events()) {
            if (e.type().equals("HttpApi")) {
                Map<String, Object> p = e.properties();
                routes.add(new String[]{p.get("Method").toString().toUpperCase(Locale.ROOT), normalise(p.get("Path").toString())});
            }
        }
        return routes;
    }

    private static boolean matches(String[] route, String method, String path) {
        boolean methodOk = route[0].equals("ANY") || route[0].equals(method);
        String routed = route[1];
        if (routed.endsWith("{+}")) {
            return methodOk && path.startsWith(routed.substring(0, routed.length() - 3));
        }
        return methodOk && routed.equals(path);
    }

    /** Path parameters named differently in JAX-RS and the template are the same route. */
    private static String normalise(String path) {
        return path.replaceAll("\\{[^}]*\\+}", "{+}").replaceAll("\\{[^}+]*}", "{}");
    }

    private static List<Path> javaFiles(String dir) {
        try (Stream<Path> files = Files.walk(ROOT.resolve(dir))) {
            return files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
