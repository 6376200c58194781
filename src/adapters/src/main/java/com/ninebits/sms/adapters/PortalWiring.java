package com.ninebits.sms.adapters;

import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.portal.PasswordHasher;
import com.ninebits.sms.domain.portal.PortalSessionStore;
import com.ninebits.sms.domain.portal.PortalSessions;
import com.ninebits.sms.domain.portal.PortalUserStore;
import com.ninebits.sms.domain.portal.PortalUsers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The portal's use cases: its users and their sessions. */
@ApplicationScoped
public class PortalWiring {

    @Produces
    @Singleton
    PortalUsers portalUsers(AccountStore accounts, PortalUserStore users, PasswordHasher hasher, Clock clock) {
        return new PortalUsers(accounts, users, hasher, clock);
    }

    @Produces
    @Singleton
    PortalSessions portalSessions(PortalUserStore users, PortalSessionStore sessions, PasswordHasher hasher, Clock clock) {
        return new PortalSessions(users, sessions, hasher, clock);
    }
}
