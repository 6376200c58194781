package com.ninebits.sms.domain.optout;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Each account's list of numbers (E.164 digits) that never receive its messages. */
public interface OptOutStore {

    /** Those of {@code numbers} on the account's list; read in as few calls as the store allows. */
    Set<String> optedOut(String accountId, Collection<String> numbers);

    /** Puts the numbers on the list; adding one already there again is harmless (it keeps the later time). */
    void add(String accountId, Collection<String> numbers, Instant at);

    /** Takes the number off the list; false when it was not on it. */
    boolean remove(String accountId, String number);

    /** The list in number order, a page at a time; {@code after} is the last number of the previous page. */
    Page list(String accountId, int pageSize, String after);

    record Entry(String number, Instant addedAt) {
    }

    record Page(List<Entry> numbers, String nextAfter) {
    }
}
