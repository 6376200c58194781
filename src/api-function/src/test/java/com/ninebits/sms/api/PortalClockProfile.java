package com.ninebits.sms.api;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Set;

/** The API with {@link MovableClock} as its clock: for the portal's expiry and lock-out tests. */
public class PortalClockProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(MovableClock.class);
    }
}
