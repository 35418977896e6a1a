// @ts-check
/**
 * The Review page: today's handful of due exercises from the review queue (review-store.js), in an order
 * shuffled afresh on every visit, each with its options reshuffled. The first check of each decides: right
 * moves it up a box, wrong back to box one. A review's answers are not written to the self-check records
 * (the first try the instructor sees stays as it was), only the queue, which is kept in this browser and
 * in the work file. Reads `<div class="sb-review-page"><script class="sb-review-page-data">` (every
 * exercise's payload, by id).
 */
import { render, studentSeed, shuffled, safeHref, t, tn } from "./exercise.js";
import { BOXES, LEARNED, PER_DAY, dueIds, readQueue, recordReview, showCount, syncQueue, todayCount } from "./review-store.js";
import { h, whenReady } from "./notes-store.js";

/** The words the page shows. */
const TEXT = {
  heading: (/** @type {number} */ n, /** @type {number} */ due) =>
    !n ? "" : due > n
      ? tn("{n} exercise to review today ({more} more due: they come back tomorrow).", "{n} exercises to review today ({more} more due: they come back tomorrow).", n, { more: due - n })
      : tn("{n} exercise to review today.", "{n} exercises to review today.", n),
  nothing: t("Nothing to review today."),
  next: (/** @type {string} */ when) => t("The next review is due on {when}.", { when }),
  empty: t("Your review queue is empty: exercises you miss, or whose answer you ask to see, come back here on a spacing schedule."),
  queued: (/** @type {number} */ n, /** @type {number} */ learned) => learned
    ? tn("In your queue: {n} exercise, {learned} of them learned.", "In your queue: {n} exercises, {learned} of them learned.", n, { learned })
    : tn("In your queue: {n} exercise.", "In your queue: {n} exercises.", n),
  from: t("From "),
  right: (/** @type {number} */ box) => (box >= LEARNED ? t("Right: learned; it will not come back.")
    : tn("Right: up to box {box} of {boxes}; it comes back in {n} day.", "Right: up to box {box} of {boxes}; it comes back in {n} days.", BOXES[box - 1], { box, boxes: BOXES.length })),
  wrong: t("Missed: back to box 1; it comes back tomorrow."),
};

/** @param {Element} root @returns {Record<string, any>} */
function payloads(root) {
  try {
    const data = JSON.parse(root.querySelector(":scope > script.sb-review-page-data")?.textContent || "{}");
    return data && typeof data.exercises === "object" ? data.exercises : {};
  } catch {
    return {};
  }
}

/**
 * A model with an anywidget model's surface whose result lives only in this page; `decide` is called once,
 * on the first check (for an open exercise, its self-assessment).
 * @param {any} ex @param {string} seed @param {(right: boolean) => void} decide
 */
function reviewModel(ex, seed, decide) {
  /** @type {any} */
  let result = {};
  let decided = false;
  return {
    get: (/** @type {string} */ name) => (name === "exercise" ? ex : name === "result" ? result : name === "seed" ? seed : undefined),
    set(/** @type {string} */ name, /** @type {any} */ value) {
      if (name !== "result") return;
      result = { ...value };
      const done = ex.type === "open" ? result.self_score != null : Number(result.attempts) > 0;
      if (done && !decided) {
        decided = true;
        decide(result.correct === true);
      }
    },
    save_changes() {},
    on() {},
    off() {},
  };
}

/** Render today's reviews into one `.sb-review-page` element (idempotent). @param {HTMLElement} root */
export function renderReview(root) {
  if (root.hasAttribute("data-wired")) return;
  root.setAttribute("data-wired", "1");
  root.querySelectorAll(".sb-noscript").forEach((el) => el.setAttribute("hidden", ""));
  const exercises = payloads(root);
  const queue = syncQueue();
  const now = Date.now();
  const due = dueIds(queue, now).filter((id) => Object.prototype.hasOwnProperty.call(exercises, id));
  const seed = `${studentSeed()}r${now.toString(36)}`;
  const today = shuffled(due.map((id) => ({ key: id })), seed).slice(0, Math.min(todayCount(queue, now), PER_DAY));
  const items = Object.values(queue.items);
  const learned = items.filter((i) => Number(i.box) >= LEARNED).length;
  const summary = h("p", { class: "sb-review-summary" }, today.length ? TEXT.heading(today.length, due.length) : TEXT.nothing);
  const parts = [summary];
  if (!today.length) {
    const next = items.filter((i) => Number(i.box) < LEARNED).map((i) => Date.parse(i.due)).filter(Number.isFinite).sort((a, b) => a - b)[0];
    if (next) parts.push(h("p", {}, TEXT.next(new Date(next).toLocaleDateString())));
  }
  parts.push(h("p", { class: "sb-review-queued" }, items.length ? TEXT.queued(items.length, learned) : TEXT.empty));
  const list = h("ol", { class: "sb-review-list" });
  for (const { key: id } of today) {
    const ex = exercises[id];
    const el = h("div", { class: "sb-exercise", id: `review-${id}` });
    const outcome = h("p", { class: "sb-review-outcome" });
    const href = safeHref(ex.chapter_href);
    const from = h("p", { class: "sb-review-from" }, TEXT.from, href ? h("a", { href }, String(ex.chapter_title || "")) : String(ex.chapter_title || ""));
    list.append(h("li", { class: "sb-review-item", "data-exercise": id }, from, el, outcome));
    render({
      model: reviewModel(ex, seed, (right) => {
        const item = recordReview(id, right);
        outcome.textContent = right ? TEXT.right(item.box) : TEXT.wrong;
        outcome.dataset.box = String(item.box);
        showCount();
      }),
      el,
    });
  }
  root.append(...parts, list);
}

if (typeof document !== "undefined") {
  whenReady(() => document.querySelectorAll(".sb-review-page").forEach((el) => renderReview(/** @type {HTMLElement} */ (el))));
}
