package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.quiet.QuietHours;
import com.ninebits.sms.domain.quiet.QuietHoursStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalTime;
import java.util.Optional;

/** The quiet hours setting, an item of its own beside the profile ({@code ACC#id / QUIET}). */
@ApplicationScoped
public class DynamoQuietHoursStore implements QuietHoursStore {

    private final Table accounts;

    public DynamoQuietHoursStore(Tables tables) {
        this.accounts = tables.accounts();
    }

    @Override
    public Optional<QuietHours> find(String accountId) {
        return accounts.get(Keys.quietHours(accountId)).map(item -> new QuietHours(
                LocalTime.parse(Item.string(item, "start")), LocalTime.parse(Item.string(item, "end"))));
    }

    @Override
    public void put(String accountId, QuietHours hours) {
        accounts.put(Item.at(Keys.quietHours(accountId)).put("start", hours.startText()).put("end", hours.endText()));
    }

    @Override
    public void delete(String accountId) {
        accounts.delete(Keys.quietHours(accountId));
    }
}
