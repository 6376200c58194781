package com.ninebits.sms.testsupport;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A function's environment as AWS would give it, resolved against the local stack: the template's
 * global and own variables, the region and credentials, and the local servers' endpoints. Variables
 * whose value only exists in AWS (secrets, parameters without default, other services) are left out.
 */
final class FunctionEnvironment {

    private FunctionEnvironment() {
    }

    static Map<String, String> of(Template template, String functionLogicalId, TemplateResolver.Attributes attributes,
            URI dynamoEndpoint, URI sqsEndpoint) {
        Map<String, Object> declared = new LinkedHashMap<>(template.globalEnvironment());
        declared.putAll(template.function(functionLogicalId).environment());
        TemplateResolver resolver = new TemplateResolver(template, attributes);
        Map<String, String> environment = new LinkedHashMap<>();
        declared.forEach((name, value) -> resolver.resolve(value).ifPresent(v -> environment.put(name, v)));
        environment.put("AWS_REGION", LocalAws.REGION);
        environment.put("AWS_ACCESS_KEY_ID", LocalAws.CREDENTIAL);
        environment.put("AWS_SECRET_ACCESS_KEY", LocalAws.CREDENTIAL);
        environment.put("SMS_AWS_REGION", LocalAws.REGION);
        environment.put("SMS_AWS_ENDPOINT_DYNAMODB", dynamoEndpoint.toString());
        environment.put("SMS_AWS_ENDPOINT_SQS", sqsEndpoint.toString());
        return Collections.unmodifiableMap(environment);
    }

    /** The {@code SMS_*} part of an environment, as Quarkus config properties. */
    static Map<String, String> configProperties(Map<String, String> environment) {
        Map<String, String> properties = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("SMS_")) {
                properties.put(propertyName(name), value);
            }
        });
        return Collections.unmodifiableMap(properties);
    }

    /** {@code SMS_TABLE_ACCOUNTS} → {@code sms.table.accounts}; config key segments are single words. */
    static String propertyName(String environmentName) {
        return environmentName.toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
