package com.ninebits.sms.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the shared local stack, configured as the template configures
 * one function. Args: {@code function} (logical id, default {@code ApiFunction}) and
 * {@code allowInsecureWebhooks} ({@code "true"} lets tests register plain-HTTP callback URLs).
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    public static final String FUNCTION_ARG = "function";
    public static final String ALLOW_INSECURE_WEBHOOKS_ARG = "allowInsecureWebhooks";

    private String function = "ApiFunction";
    private boolean allowInsecureWebhooks;

    @Override
    public void init(Map<String, String> initArgs) {
        function = initArgs.getOrDefault(FUNCTION_ARG, function);
        allowInsecureWebhooks = Boolean.parseBoolean(initArgs.get(ALLOW_INSECURE_WEBHOOKS_ARG));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new LinkedHashMap<>(LocalStack.shared().configProperties(function));
        if (allowInsecureWebhooks) {
            properties.put("sms.webhook.allowinsecure", "true");
        }
        return properties;
    }

    @Override
    public void stop() {
        // The shared stack outlives each test class; a JVM shutdown hook stops it.
    }
}
