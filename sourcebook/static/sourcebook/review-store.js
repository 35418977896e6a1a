// @ts-check
/**
 * The review queue, kept in this browser only (`localStorage`, and the work file's `review` section):
 * the exercises this student missed or had the answer shown for come back on a spacing schedule, Leitner
 * boxes of 1, 3, 7 and 16 days. A right review moves an item up a box, a miss back to the first; after the
 * last box it is learned (box 5, never due again). At most a handful a day. Loaded on every page: it adds the
 * queue's missed exercises from the self-check records and shows how many are due on the links to the
 * Review and progress pages. No other script is needed for that, so plain pages stay light.
 */

export const REVIEW_KEY = "sourcebook-review-v1";
/** The self-check records, as exercise.js keeps them (not imported: plain pages do not load exercise.js). */
const PROGRESS_KEY = "sourcebook-progress-v1";
/** Days until an item in box 1, 2, 3, 4 is due again. */
export const BOXES = [1, 3, 7, 16];
export const LEARNED = BOXES.length + 1;
/** Reviews offered per day. */
export const PER_DAY = 5;
const DAY = 86400000;

// The edition's words, from the page's inline catalogue as exercise.js's `t` and `tn` read it (not imported:
// plain pages do not load exercise.js); English where there is none. Read when needed: on the search page
// this script runs before the catalogue is parsed.
/** @param {string} msgid @returns {string | string[] | undefined} */
const message = (msgid) => {
  try { return JSON.parse(document.getElementById("sourcebook-messages")?.textContent || "{}")[msgid]; } catch { return undefined; }
};
const FORMS = { one: 0, few: 1, many: 2, other: 2, two: 1, zero: 2 };
/** @param {string} text @param {number} n */
const fill = (text, n) => text.replace(/\{n\}/g, String(n));
/** @param {string} msgid @param {number} n */
const t = (msgid, n) => { const found = message(msgid); return fill(typeof found === "string" && found ? found : msgid, n); };
/** @param {string} one @param {string} many @param {number} n */
const tn = (one, many, n) => {
  const found = message(one);
  if (!Array.isArray(found) || !found.every(Boolean)) return fill(n === 1 ? one : many, n);
  const form = FORMS[new Intl.PluralRules(document.documentElement.lang || "en").select(n)] ?? 0;
  return fill(found[Math.min(form, found.length - 1)], n);
};

/** The words shown on the links. */
const TEXT = {
  due: (/** @type {number} */ n) => t("{n} to review", n),
  dueLabel: (/** @type {number} */ n) => tn("{n} exercise due for review", "{n} exercises due for review", n),
};

/** @typedef {{box: number, due: string, updated: string}} Item */
/** @typedef {{format: string, version: number, items: Record<string, Item>, day?: string, done?: number}} Queue */

/** @param {any} v */
const isObject = (v) => v != null && typeof v === "object" && !Array.isArray(v);

/** @param {string} key @returns {any} */
function load(key) {
  try {
    const data = JSON.parse(window.localStorage.getItem(key) || "null");
    return isObject(data) ? data : null;
  } catch {
    return null;
  }
}

/** @returns {Queue} the stored queue, always of a valid shape */
export function readQueue() {
  const data = load(REVIEW_KEY);
  const items = isObject(data?.items) ? data.items : {};
  return { format: "sourcebook-review", version: 1, ...data, items };
}

/** @param {Queue} queue */
export function writeQueue(queue) {
  try { window.localStorage.setItem(REVIEW_KEY, JSON.stringify(queue)); } catch { /* storage disabled: the queue lives for this page */ }
}

/** The local calendar day of a time, "YYYY-MM-DD". @param {number} t */
export const dayOf = (t) => {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** @param {number} box @param {number} from @returns {Item} */
const placed = (box, from) => ({
  box, due: new Date(from + (BOXES[box - 1] || 0) * DAY).toISOString(), updated: new Date(Date.now()).toISOString(),
});

/**
 * When a self-check record shows a miss: a wrong first try, the answer shown, or an open answer
 * self-assessed short of every point. @param {any} r @returns {number | null} the time of the miss
 */
export function missedAt(r) {
  if (!isObject(r)) return null;
  const open = r.type === "open";
  const miss = open
    ? typeof r.self_score === "string" && r.self_score.split("/")[0] !== r.self_score.split("/")[1]
    : Number(r.attempts) > 0 && (r.first_try_correct === false || (r.revealed === true && typeof r.revealed_at === "string"));
  if (!miss) return null;
  const t = Date.parse(String((!open && r.revealed_at) || r.updated || ""));
  return Number.isFinite(t) ? t : Date.now();
}

/** Add every missed exercise not yet in the queue (box 1, due a day after the miss). @returns {Queue} */
export function syncQueue() {
  const queue = readQueue();
  const records = load(PROGRESS_KEY)?.exercises;
  let added = 0;
  for (const [id, r] of Object.entries(isObject(records) ? records : {})) {
    if (Object.prototype.hasOwnProperty.call(queue.items, id)) continue;
    const t = missedAt(r);
    if (t == null) continue;
    queue.items[id] = placed(1, t);
    added++;
  }
  if (added) writeQueue(queue);
  return queue;
}

/** Reviews done today, and how many more today allows. @param {Queue} queue @param {number} now */
const left = (queue, now) => PER_DAY - (queue.day === dayOf(now) ? Number(queue.done) || 0 : 0);

/** Ids due now, the longest overdue first. @param {Queue} queue @param {number} now */
export function dueIds(queue, now) {
  return Object.entries(queue.items)
    .filter(([, item]) => isObject(item) && Number(item.box) < LEARNED && Date.parse(item.due) <= now)
    .sort((a, b) => Date.parse(a[1].due) - Date.parse(b[1].due) || (a[0] < b[0] ? -1 : 1))
    .map(([id]) => id);
}

/** How many reviews are offered today: due items, at most what today still allows. @param {Queue} queue @param {number} now */
export const todayCount = (queue, now) => Math.max(0, Math.min(dueIds(queue, now).length, left(queue, now)));

/**
 * A review's outcome: right moves the item up a box, a miss back to box one; counts toward today.
 * @param {string} id @param {boolean} right @returns {Item}
 */
export function recordReview(id, right) {
  const now = Date.now();
  const queue = readQueue();
  const box = Number(queue.items[id]?.box) || 1;
  const item = placed(right ? Math.min(box + 1, LEARNED) : 1, now);
  queue.items[id] = item;
  const today = dayOf(now);
  queue.done = (queue.day === today ? Number(queue.done) || 0 : 0) + 1;
  queue.day = today;
  writeQueue(queue);
  return item;
}

/** Show the count of reviews due today on every link to the Review and progress pages. */
export function showCount() {
  const n = todayCount(syncQueue(), Date.now());
  for (const link of document.querySelectorAll('a[href$="review.html"], a[href$="progress.html"]')) {
    if (!link.closest("nav, .bd-sidebar")) continue;
    let badge = link.querySelector(".sb-review-count");
    if (!n) { badge?.remove(); continue; }
    if (!badge) {
      badge = document.createElement("span");
      badge.className = "sb-review-count";
      link.append(" ", badge);
    }
    badge.textContent = TEXT.due(n);
    badge.setAttribute("title", TEXT.dueLabel(n));
  }
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", showCount);
  else showCount();
  window.addEventListener("storage", (event) => void ([REVIEW_KEY, PROGRESS_KEY, null].includes(event.key) && showCount()));
}
