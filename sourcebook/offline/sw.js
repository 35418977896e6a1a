// @ts-check
/**
 * The course's service worker (the template; sourcebook.offline.serviceworker fills in the build's
 * version and files). Installing saves every file the pages use in a cache named after the build,
 * all or nothing; pages are then served from that one cache, so a page is never half old, half new.
 * A newer build installs beside it and waits until the reader chooses to reload ("skip-waiting").
 */
/// <reference lib="webworker" />
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const VERSION = "__VERSION__";
const FILES = __FILES__;
const PREFIX = "sourcebook-";
const CACHE = PREFIX + VERSION;

sw.addEventListener("install", (event) => {
  // "reload": straight from the server, never from the browser's HTTP cache (which may hold the old build)
  const requests = FILES.map((/** @type {string} */ file) => new Request(new URL(file, sw.location.href), { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

sw.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    await sw.clients.claim();
  })());
});

sw.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") sw.skipWaiting();
});

/** The cached response for a request (a folder's address is its index.html), else the network's. @param {Request} request */
async function respond(request) {
  if (await caches.has(CACHE)) {
    const url = new URL(request.url);
    if (url.pathname.endsWith("/")) url.pathname += "index.html";
    const cached = await (await caches.open(CACHE)).match(url.href, { ignoreSearch: true });
    if (cached) return cached;
  }
  return fetch(request);
}

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method === "GET" && new URL(request.url).origin === sw.location.origin) event.respondWith(respond(request));
});
