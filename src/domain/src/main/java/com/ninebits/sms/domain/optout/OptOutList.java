package com.ninebits.sms.domain.optout;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.Validation;
import com.ninebits.sms.domain.phone.PhoneNumbers;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /ng/v1/opt-outs}: numbers are read as recipients are (the account's default country for
 * a national number), so that the list matches what acceptance resolves. The rejection itself
 * is the recipients' rule ({@code Recipients}).
 */
public final class OptOutList {

    public static final int MAX_NUMBERS_PER_REQUEST = 10_000;
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;

    private final OptOutStore store;
    private final Clock clock;

    public OptOutList(OptOutStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Adds every number, or none: a request naming one that is not a possible number is refused
     * whole, with each bad entry named. {@code earlier} holds the caller's findings (a missing or
     * mistyped field). Answers the numbers as stored.
     */
    public List<String> add(Account account, List<String> numbers, Validation earlier) {
        Set<String> normalised = new LinkedHashSet<>();
        if (numbers != null && numbers.isEmpty()) {
            earlier.add("numbers", "empty", "numbers must name at least one number");
        } else if (numbers != null && numbers.size() > MAX_NUMBERS_PER_REQUEST) {
            earlier.add("numbers", "too_many", "numbers may hold at most " + MAX_NUMBERS_PER_REQUEST + " entries");
        } else if (numbers != null) {
            for (int i = 0; i < numbers.size(); i++) {
                var number = PhoneNumbers.normalise(numbers.get(i), account.defaultCountry());
                if (number.isPresent()) {
                    normalised.add(number.get());
                } else {
                    earlier.add("numbers[" + i + "]", "invalid_number", "\"" + numbers.get(i) + "\" is not a possible phone number");
                }
            }
        }
        earlier.throwIfInvalid();
        store.add(account.id(), normalised, clock.instant());
        return List.copyOf(normalised);
    }

    /** Takes a number off the list (in any form a recipient may be written in); 404 when it is not on it. */
    public void remove(Account account, String number) {
        String stored = PhoneNumbers.normalise(number, account.defaultCountry())
                .orElseThrow(() -> new DomainException.NotFound("opt-out"));
        if (!store.remove(account.id(), stored)) {
            throw new DomainException.NotFound("opt-out");
        }
    }

    public OptOutStore.Page list(String accountId, int pageSize, String after) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw DomainException.Invalid.of("page_size", "out_of_range", "page_size must be 1 to " + MAX_PAGE_SIZE);
        }
        if (after != null && !after.chars().allMatch(Character::isDigit)) {
            // Positions this list gives out are stored numbers: anything else was not made here.
            throw DomainException.Invalid.of("page_token", "invalid_page_token", "page_token is not one this API gave out");
        }
        return store.list(accountId, pageSize, after);
    }
}
