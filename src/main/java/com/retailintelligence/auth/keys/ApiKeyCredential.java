package com.retailintelligence.auth.keys;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented by a client, to be checked by {@link ApiKeyIdentityProvider}. */
public final class ApiKeyCredential extends BaseAuthenticationRequest {

    private final String key;

    ApiKeyCredential(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
