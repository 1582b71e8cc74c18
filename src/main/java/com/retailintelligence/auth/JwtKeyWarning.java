package com.retailintelligence.auth;

import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/** Warns at start when no JWT keys were configured and a throw-away pair is in use. */
@jakarta.inject.Singleton
public class JwtKeyWarning {

    void onStart(@Observes StartupEvent event, AuthConfig config) {
        if (config.auth().generatedKeys()) {
            Log.warn("No JWT keys configured (smallrye.jwt.sign.key[.location] / mp.jwt.verify.publickey[.location]): "
                    + "using a key pair generated for this process; tokens will not survive a restart "
                    + "or be accepted by other replicas.");
        }
    }
}
