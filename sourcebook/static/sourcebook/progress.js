// @ts-check
/**
 * Progress page: a table of the self-check results stored in this browser,
 * plus "Download my progress" (JSON file) and "Reset my progress".
 * Reads `<div class="sb-progress"><script type="application/json" class="sb-progress-data">`.
 */
import { readProgress, clearProgress, STORAGE_KEY, safeHref } from "./exercise.js";

/** @typedef {{docname: string, title: string, href: string | null, exercises: string[]}} Chapter */

const COURSE = "china-russia-central-asia";
const FILE_NAME = "sourcebook-progress.json";

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag @param {Record<string, string>} [attrs] @param {...(Node | string)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** @param {Element} root @returns {Chapter[]} */
function chaptersOf(root) {
  try {
    const data = JSON.parse(root.querySelector(":scope > script.sb-progress-data")?.textContent || "{}");
    return Array.isArray(data.chapters) ? data.chapters.filter((/** @type {any} */ c) => c && typeof c.docname === "string") : [];
  } catch {
    return [];
  }
}

/** @param {number[]} counts */
const countCells = (counts) =>
  ["sb-count-total", "sb-count-attempted", "sb-count-correct"].map((cls, i) => h("td", { class: cls }, String(counts[i])));

/** Build the table from the current progress. @param {Chapter[]} chapters */
function table(chapters) {
  const records = readProgress().exercises;
  const totals = [0, 0, 0];
  const body = h("tbody");
  for (const ch of chapters) {
    const ids = Array.isArray(ch.exercises) ? ch.exercises : [];
    const recs = ids.map((id) => (Object.prototype.hasOwnProperty.call(records, id) ? records[id] : null));
    const counts = [ids.length, recs.filter((r) => r && Number(r.attempts) > 0).length, recs.filter((r) => r && r.correct === true).length];
    counts.forEach((n, i) => (totals[i] += n));
    const href = safeHref(ch.href);
    const title = String(ch.title || ch.docname);
    body.append(
      h("tr", { "data-chapter": ch.docname }, h("th", { scope: "row" }, href ? h("a", { href }, title) : title), ...countCells(counts)),
    );
  }
  const heads = ["Chapter", "Exercises", "Attempted", "Correct"].map((text, i) => h("th", { scope: "col", class: i ? "sb-num" : "" }, text));
  return h(
    "table",
    { class: "sb-progress-table" },
    h("caption", {}, "Your progress by chapter"),
    h("thead", {}, h("tr", {}, ...heads)),
    body,
    h("tfoot", {}, h("tr", { class: "sb-progress-total" }, h("th", { scope: "row" }, "Total"), ...countCells(totals))),
  );
}

function download() {
  const data = { ...readProgress(), exported: new Date().toISOString(), course: COURSE };
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const link = h("a", { href: url, download: FILE_NAME, hidden: "" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Render the progress view into one `.sb-progress` element (idempotent). @param {HTMLElement} root */
export function renderProgress(root) {
  if (root.hasAttribute("data-wired")) return;
  root.setAttribute("data-wired", "1");
  root.querySelectorAll(".sb-noscript").forEach((el) => el.setAttribute("hidden", ""));
  const chapters = chaptersOf(root);
  const view = h("div", { class: "sb-progress-view" });
  const status = h("p", { class: "sb-progress-status", role: "status", "aria-live": "polite" });
  const save = h("button", { type: "button", class: "sb-progress-download" }, "Download my progress");
  const reset = h("button", { type: "button", class: "sb-progress-reset" }, "Reset my progress");
  const refresh = () => view.replaceChildren(table(chapters));

  save.addEventListener("click", () => {
    download();
    status.textContent = `Saved as ${FILE_NAME} in your downloads.`;
  });
  reset.addEventListener("click", () => {
    if (!window.confirm("Reset your progress? This deletes every answer saved in this browser.")) return;
    clearProgress();
    refresh();
    status.textContent = "Your progress has been reset.";
  });
  window.addEventListener("storage", (event) => void ((event.key === STORAGE_KEY || event.key === null) && refresh()));
  window.addEventListener("pageshow", (event) => void (event.persisted && refresh()));

  refresh();
  root.append(
    view,
    h("p", { class: "sb-progress-note" }, "Your answers are saved only in this browser; nothing is sent anywhere."),
    h("div", { class: "sb-progress-actions" }, save, reset),
    status,
  );
}

if (typeof document !== "undefined") {
  const start = () => document.querySelectorAll(".sb-progress").forEach((el) => renderProgress(/** @type {HTMLElement} */ (el)));
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
