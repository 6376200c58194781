package com.ninebits.sms.events;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dispatcher function as its own test application: the handler it deploys with, one SMSC
 * connector, and the test resource that starts the stores (and the SMSC) it talks to.
 */
abstract class DispatcherProfile implements QuarkusTestProfile {

    private final String connector;
    private final Class<? extends QuarkusTestResourceLifecycleManager> resource;
    private final Map<String, String> extra;

    DispatcherProfile(String connector, Class<? extends QuarkusTestResourceLifecycleManager> resource,
                      Map<String, String> extra) {
        this.connector = connector;
        this.resource = resource;
        this.extra = extra;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // application.properties names the send-request handler for the test profile; both forms are overridden.
        Map<String, String> config = new HashMap<>(Map.of("quarkus.lambda.handler", "dispatcher",
                "%test.quarkus.lambda.handler", "dispatcher", "sms.smsc.connector", connector));
        config.putAll(extra);
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(resource));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
