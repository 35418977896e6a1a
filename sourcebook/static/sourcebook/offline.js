// @ts-check
/**
 * Offline reading (a classic script on every page). Over http(s), registers the course's service
 * worker, which saves the whole student edition in this browser after the first visit; announces a
 * new build ("A new version of the course is available: reload"); and fills the progress page's
 * `div.sb-offline-copy` with the copy's state and a button to remove it (or save it again).
 * Opened from disk, it does nothing: service workers need a secure http(s) origin.
 * Each edition (the English at the site's root, the Russian in `ru/`) has its own worker, scope and
 * caches (sw.js names them by the scope): a page counts, removes and reloads for its own edition only.
 */
(() => {
  const container = navigator.serviceWorker;
  if (!container || !/^https?:$/.test(location.protocol)) return;
  const root = new URL(document.documentElement.dataset.content_root || "./", document.baseURI);
  const workerUrl = new URL("sw.js", root).href;
  const OPTED_OUT = "sourcebook-offline-removed " + root.pathname; // localStorage key: the reader removed this edition's copy
  const EDITION = "sourcebook-" + root.href + "#"; // this edition's caches (as sw.js names them)
  // The edition's words, as exercise.js's `t` gives them (a classic script cannot import it).
  const messages = JSON.parse(document.getElementById("sourcebook-messages")?.textContent || "{}");
  /** @param {string} msgid @param {Record<string, unknown>} [values] */
  const t = (msgid, values = {}) =>
    (messages[msgid] || msgid).replace(/\{(\w+)\}/g, (/** @type {string} */ all, /** @type {string} */ k) => (k in values ? String(values[k]) : all));

  /** @param {string} key */
  const stored = (key) => { try { return localStorage.getItem(key); } catch { return null; } };
  /** @param {string} key @param {string | null} value */
  const store = (key, value) => {
    try { value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value); } catch { /* disabled */ }
  };

  /**
   * @template {keyof HTMLElementTagNameMap} K @param {K} tag @param {Record<string, string>} attrs
   * @param {...(Node | string)} children @returns {HTMLElementTagNameMap[K]}
   */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  /* ---------------------------------------------------------- a new build */

  const notice = h("div", { class: "sb-update", role: "status" });
  /** Show the notice for a worker that is installed and waiting. @param {ServiceWorker} waiting */
  function announce(waiting) {
    const button = h("button", { type: "button", class: "sb-update-reload" }, t("reload"));
    button.addEventListener("click", () => waiting.postMessage("skip-waiting"));
    notice.replaceChildren(t("A new version of the course is available: "), button);
  }
  /** Is this page in the hands of a build of its own edition's worker (not none, not another edition's)? */
  const ours = () => container.controller?.scriptURL === workerUrl;
  // A new build of this edition took over (the reader chose reload, here or in another tab): every open
  // page of the edition reloads, so none goes on with old pages and new files. A first install changes
  // nothing, nor does this edition's worker taking over from another's (a Russian page first read
  // while the English edition's worker, whose scope holds `ru/`, was in charge).
  let mine = ours();
  container.addEventListener("controllerchange", () => {
    const updated = mine && ours();
    mine = ours();
    if (updated) location.reload();
  });

  /** Announce `worker` once it is installed, if a build of this edition controls this page. @param {ServiceWorker} worker */
  function track(worker) {
    worker.addEventListener("statechange", () => {
      if (worker.state === "installed" && ours()) announce(worker);
    });
  }

  /** A new build may be waiting, installing (found before this page asked) or found later. @param {ServiceWorkerRegistration} reg */
  function watch(reg) {
    if (reg.waiting && ours()) announce(reg.waiting);
    if (reg.installing) track(reg.installing);
    reg.addEventListener("updatefound", () => void (reg.installing && track(reg.installing)));
  }

  const register = () => container.register(workerUrl, { scope: root.href }).then((reg) => (watch(reg), reg));

  /* --------------------------------------------- the progress page's control */

  /** This edition's caches (another edition's copy is not counted, nor removed, here). */
  async function courseCaches() {
    return (await caches.keys()).filter((name) => name.startsWith(EDITION));
  }

  /** Resolves once `reg` has an active worker (its whole copy saved) or its install failed. @param {ServiceWorkerRegistration} reg */
  function settled(reg) {
    const worker = reg.installing || reg.waiting;
    if (reg.active || !worker) return Promise.resolve();
    return new Promise((resolve) => {
      worker.addEventListener("statechange", () => void (["activated", "redundant"].includes(worker.state) && resolve(undefined)));
    });
  }

  /** Files and bytes of the offline copy, or null when there is none. */
  async function copySize() {
    const names = await courseCaches();
    if (!names.length) return null;
    let files = 0, bytes = 0;
    for (const name of names) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        files += 1;
        bytes += response ? (await response.blob()).size : 0;
      }
    }
    return { files, bytes };
  }

  async function remove() {
    store(OPTED_OUT, "1");
    for (const reg of await container.getRegistrations()) if (reg.scope === root.href) await reg.unregister();
    for (const name of await courseCaches()) await caches.delete(name);
  }

  /** @param {HTMLElement} box */
  function control(box) {
    box.querySelectorAll(".sb-noscript").forEach((el) => el.setAttribute("hidden", ""));
    const state = h("p", { class: "sb-offline-state" });
    const status = h("p", { class: "sb-offline-status", role: "status" });
    const button = h("button", { type: "button", class: "sb-offline-toggle" });
    const show = async () => {
      const size = stored(OPTED_OUT) ? null : await copySize();
      state.textContent = size
        ? t("This course is saved in this browser for reading offline: {files} files, {mb} MB.", { files: size.files, mb: (size.bytes / 1e6).toFixed(1) })
        : stored(OPTED_OUT) ? t("This course is not saved in this browser for offline reading.")
          : t("This course is being saved in this browser for offline reading.");
      button.textContent = stored(OPTED_OUT) ? t("Save for offline reading") : t("Remove the offline copy");
    };
    button.addEventListener("click", async () => {
      if (stored(OPTED_OUT)) {
        store(OPTED_OUT, null);
        await settled(await register());
        status.textContent = t("The course is saved for offline reading.");
      } else {
        await remove();
        status.textContent = t("The offline copy was removed; pages now load from the network.");
      }
      await show();
    });
    box.append(state, button, status);
    // a worker in charge: `ready` settles at once; none yet: show the state now, and again when one is;
    // and again when this edition's worker takes over from another edition's (whose `ready` it was)
    container.ready.then(show);
    if (!container.controller) show();
    container.addEventListener("controllerchange", () => void show());
  }

  const start = () => {
    document.body.append(notice);
    document.querySelectorAll(".sb-offline-copy").forEach((box) => control(/** @type {HTMLElement} */ (box)));
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // in the background: after the page has loaded, so saving the course never slows the first visit
  if (!stored(OPTED_OUT)) {
    if (document.readyState === "complete") register();
    else window.addEventListener("load", () => void register());
  }
})();
