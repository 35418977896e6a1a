// @ts-check
/**
 * The course's service worker (the template; sourcebook.offline.serviceworker fills in the build's
 * version and files). Installing saves every file the pages use in a cache named after the build,
 * all or nothing; pages are then served from that one cache, so a page is never half old, half new.
 * A newer build installs beside it and waits until the reader chooses to reload ("skip-waiting").
 * Requests for anything else (not precached) are left to the network, as if there were no worker.
 * Each edition (the English at the site's root, the Russian in `ru/`) has its own worker, whose
 * caches are named by its scope: one edition's new build never deletes the other's offline copy.
 */
/// <reference lib="webworker" />
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const VERSION = "__VERSION__";
const FILES = __FILES__;
const PREFIX = "sourcebook-";
/** This edition's caches: "sourcebook-" + the scope + "#" (so the root's "/" is no prefix of "/ru/"). */
const EDITION = PREFIX + sw.registration.scope + "#";
const CACHE = EDITION + VERSION;

sw.addEventListener("install", (event) => {
  // "reload": straight from the server, never from the browser's HTTP cache (which may hold the old build)
  const requests = FILES.map((/** @type {string} */ file) => new Request(new URL(file, sw.location.href), { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

/**
 * Is `name` an older cache of this edition? Its earlier builds', or one named before the editions had
 * their own ("sourcebook-" + version), which is this edition's if it holds this edition's first file.
 * @param {string} name
 */
async function older(name) {
  if (name === CACHE || !name.startsWith(PREFIX)) return false;
  if (name.startsWith(EDITION)) return true;
  return !name.includes("#") && Boolean(await (await caches.open(name)).match(new URL(FILES[0], sw.location.href).href));
}

sw.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (await older(name)) await caches.delete(name);
    await sw.clients.claim();
  })());
});

sw.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") sw.skipWaiting();
});

/** The precached files' addresses, without query strings (pages add `?v=`, search adds `?q=`). */
const SAVED = new Set(FILES.map((/** @type {string} */ file) => new URL(file, sw.location.href).pathname));

/** A request's file: its address without the query, a folder's address as its index.html. @param {Request} request */
function fileOf(request) {
  const url = new URL(request.url);
  return url.origin === sw.location.origin ? url.pathname.replace(/\/$/, "/index.html") : null;
}

/** The saved copy of a precached file; the network while this build's cache is gone (removed). @param {Request} request @param {string} path */
async function respond(request, path) {
  const cache = (await caches.has(CACHE)) ? await caches.open(CACHE) : null;
  return (cache && (await cache.match(new URL(path, sw.location.href).href))) || fetch(request);
}

// Only the precached files are answered here; any other request goes to the network as if there were no worker.
sw.addEventListener("fetch", (event) => {
  const path = event.request.method === "GET" ? fileOf(event.request) : null;
  if (path && SAVED.has(path)) event.respondWith(respond(event.request, path));
});
