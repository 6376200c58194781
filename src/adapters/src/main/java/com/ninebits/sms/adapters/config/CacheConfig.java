package com.ninebits.sms.adapters.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a function instance keeps of what it read, so that an acceptance needs no read of its own. */
@ConfigMapping(prefix = "sms.cache")
public interface CacheConfig {

    /**
     * How long, in milliseconds, a token and an account (with the sender ID it sends from) once
     * read are taken as they were (env {@code SMS_CACHE_TTLMS}); the longest a change made through
     * another instance (a revoked token, a refused sender ID, a webhook set or removed) goes unseen.
     * 0 reads them for every request.
     */
    @WithDefault("5000")
    long ttlms();
}
