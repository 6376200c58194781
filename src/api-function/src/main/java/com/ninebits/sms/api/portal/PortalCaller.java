package com.ninebits.sms.api.portal;

import com.ninebits.sms.domain.portal.PortalSession;
import com.ninebits.sms.domain.portal.PortalSessions;
import jakarta.enterprise.context.RequestScoped;

/**
 * The signed-in person of the current portal request, set by {@link PortalAccessFilter}. Every
 * page works for this session's account only: no page takes an account id from the request.
 */
@RequestScoped
public class PortalCaller {

    private PortalSession session;
    private String sessionId;

    void set(PortalSession session, String sessionId) {
        this.session = session;
        this.sessionId = sessionId;
    }

    PortalSession session() {
        if (session == null) {
            throw new IllegalStateException("no portal session on this request");
        }
        return session;
    }

    String accountId() {
        return session().accountId();
    }

    String sessionId() {
        return sessionId;
    }

    /** Every POST of a signed-in page presents its session's form token, or is refused whole. */
    void requireForm(String csrfToken) {
        if (!PortalSessions.formTokenMatches(session(), csrfToken)) {
            throw new FormRefused();
        }
    }
}
