package com.retailintelligence.auth.keys;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to a key's creation: the key itself (shown this once) beside its listing. */
@RegisterForReflection
public record CreatedApiKey(String key, java.util.UUID id, ApiKey apiKey) {
}
