// The live feeds (/ws/traffic/realtime, /ws/sales/live, /ws/alerts) for the page on screen: the token goes in
// the subprotocol (never in the URL), each feed reconnects with backoff, and an expired token is renewed first.

import { accessToken, refresh } from "./session.js";

const FEEDS = { traffic: "/ws/traffic/realtime", sales: "/ws/sales/live", alerts: "/ws/alerts" };

/** Opens the named feeds for some stores (all the user's when storeIds is empty); onMessage gets each JSON message. */
export function openFeeds(names, storeIds, onMessage, onState = () => {}) {
  const feeds = names.map(name => new Feed(FEEDS[name], storeIds, onMessage, onState));
  return { close: () => feeds.forEach(feed => feed.close()) };
}

class Feed {
  constructor(path, storeIds, onMessage, onState) {
    const search = new URLSearchParams();
    storeIds.forEach(id => search.append("storeId", id));
    this.url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + path
      + (storeIds.length ? "?" + search : "");
    this.onMessage = onMessage;
    this.onState = onState;
    this.delay = 1000;
    this.closed = false;
    this.connect();
  }

  connect() {
    if (this.closed || !accessToken()) return;
    const socket = new WebSocket(this.url, ["retail.live.v1", "quarkus-http-upgrade#Authorization#Bearer%20" + accessToken()]);
    this.socket = socket;
    socket.onopen = () => { this.delay = 1000; this.onState("live"); };
    socket.onmessage = event => this.onMessage(JSON.parse(event.data));
    socket.onclose = event => {
      if (this.closed) return;
      this.onState("reconnecting");
      if (event.code === 1008 && /revoked/i.test(event.reason)) {
        this.onState("revoked");
        return;
      }
      const renew = event.code === 1008 ? refresh().catch(() => {}) : Promise.resolve();
      renew.then(() => {
        this.timer = setTimeout(() => this.connect(), this.delay);
        this.delay = Math.min(this.delay * 2, 30000);
      });
    };
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.close(1000, "page left");
  }
}
