package com.ninebits.sms.domain.quiet;

import java.util.Optional;

/** An account's quiet hours setting; none set means its messages are never held. */
public interface QuietHoursStore {

    Optional<QuietHours> find(String accountId);

    void put(String accountId, QuietHours hours);

    void delete(String accountId);
}
