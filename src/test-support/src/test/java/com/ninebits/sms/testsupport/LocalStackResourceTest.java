package com.ninebits.sms.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LocalStackResourceTest {

    @Test
    void configuresTheApiFunctionByDefault() {
        LocalStackResource resource = new LocalStackResource();
        resource.init(Map.of());

        Map<String, String> properties = resource.start();

        assertEquals(LocalStack.shared().configProperties("ApiFunction"), properties);
        assertFalse(properties.containsKey("sms.webhook.allowinsecure"));
    }

    @Test
    void configuresTheNamedFunctionAndAllowsInsecureWebhooksOnRequest() {
        String function = LocalStack.shared().template().functions().get(0).logicalId();
        LocalStackResource resource = new LocalStackResource();
        resource.init(Map.of("function", function, "allowInsecureWebhooks", "true"));

        Map<String, String> expected = new LinkedHashMap<>(LocalStack.shared().configProperties(function));
        expected.put("sms.webhook.allowinsecure", "true");
        assertEquals(expected, resource.start());
    }
}
