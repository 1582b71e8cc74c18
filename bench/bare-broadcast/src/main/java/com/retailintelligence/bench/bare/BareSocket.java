package com.retailintelligence.bench.bare;

import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;

/** The bare WebSocket endpoint: accepts any client (no auth, no registry) and sends nothing on its own. */
@WebSocket(path = "/bare")
public class BareSocket {

    @OnOpen
    void onOpen() {
    }
}
