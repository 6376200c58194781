package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.ApiToken;
import com.ninebits.sms.domain.account.TokenStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/** Token hashes ({@code TOKEN#id / TOKEN}): found by the id inside the presented token. */
@ApplicationScoped
public class DynamoTokenStore implements TokenStore {

    private final Table accounts;

    public DynamoTokenStore(Tables tables) {
        this.accounts = tables.accounts();
    }

    @Override
    public void save(ApiToken.Stored token) {
        accounts.put(TokenItem.write(token));
    }

    @Override
    public Optional<ApiToken.Stored> find(String tokenId) {
        return accounts.get(Keys.token(tokenId)).map(TokenItem::read);
    }

    /** Deletes only the account's own token: another account's token id deletes nothing. */
    @Override
    public boolean delete(String accountId, String tokenId) {
        return accounts.deleteIf(Keys.token(tokenId), TokenItem.ACCOUNT_ID + " = :account", Map.of(),
                Map.of(":account", Docs.s(accountId)));
    }
}
