package com.ninebits.sms.events;

import com.ninebits.sms.testsupport.LocalStackResource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local stack configured as the template configures {@code DispatcherFunction}, except for the
 * SMSC: the template's SMSC parameters and secrets only mean something in AWS, so a subclass that
 * starts an SMSC supplies the address, and the test profile names the connector.
 */
public class DispatcherStackResource extends LocalStackResource {

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        args.putIfAbsent(FUNCTION_ARG, "DispatcherFunction");
        super.init(args);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new LinkedHashMap<>(super.start());
        // One source per key: the template's empty SMS_SMSC_URL must not compete with the real one.
        properties.keySet().removeIf(name -> name.startsWith("sms.smsc."));
        properties.putAll(smsc());
        return properties;
    }

    /** The SMSC settings known only once the SMSC is up. */
    protected Map<String, String> smsc() {
        return Map.of();
    }
}
