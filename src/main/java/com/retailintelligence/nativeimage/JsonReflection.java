package com.retailintelligence.nativeimage;

import com.retailintelligence.telegram.ChatRepository;
import com.retailintelligence.telegram.LinkCodes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers for reflection, in a native image, the JSON types Quarkus cannot see: those a resource returns inside a
 * {@code Response} built at run time rather than as its declared return type (docs/native.md). Types declared as
 * return types, and records marked {@code @RegisterForReflection} where they live, need no entry here;
 * {@code NativeSourcesTest} checks the native build's reflection set holds these and every type they contain.
 */
@RegisterForReflection(targets = { LinkCodes.LinkCode.class, ChatRepository.LinkedChat.class })
public final class JsonReflection {

    private JsonReflection() {
    }
}
