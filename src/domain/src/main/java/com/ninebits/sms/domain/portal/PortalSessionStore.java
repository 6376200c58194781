package com.ninebits.sms.domain.portal;

import java.util.Optional;

/** Portal sessions by the hash of their id; a deleted session is revoked. */
public interface PortalSessionStore {

    void save(PortalSession session);

    Optional<PortalSession> find(String idHash);

    void delete(String idHash);
}
