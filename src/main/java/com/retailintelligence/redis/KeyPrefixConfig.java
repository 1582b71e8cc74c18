package com.retailintelligence.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The prefix of every Redis key and channel (its name is historical: it prefixes every key, not only aggregates). */
@ConfigMapping(prefix = "retail.aggregates")
public interface KeyPrefixConfig {

    /** Prefix of every Redis key and channel this service uses (RETAIL_AGGREGATES_KEY_PREFIX). */
    @WithDefault("ri:")
    String keyPrefix();
}
