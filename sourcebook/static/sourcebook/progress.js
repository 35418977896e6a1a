// @ts-check
/**
 * Progress page: the self-check results stored in this browser per chapter; what to look at again
 * (exercises answered wrongly or not yet, by chapter and skill, and detached notes); the student's
 * name; "Download my work" (one sealed `sourcebook-work.json`), "Restore from a file" and "Reset".
 * Reads `<div class="sb-progress"><script type="application/json" class="sb-progress-data">`.
 */
import { readProgress, clearProgress, tryAgain, STORAGE_KEY, safeHref, own, clip, t, tn } from "./exercise.js";
import { NOTES_KEY, readStore, h, whenReady } from "./notes-store.js";
import { FILE_NAME, STUDENT_KEY, parseWork, readStudent, restoreWork, saveName, workFileText } from "./workfile.js";

/** @typedef {{docname: string, title: string, href: string | null, exercises: string[]}} Chapter */
/** @typedef {{chapters: Chapter[], exercises: Record<string, {skill: string, prompt: string}>,
 *   sources: Record<string, {label: string, href: string | null}>, schema: any}} Data */

/** @param {Element} root @returns {Data} */
function dataOf(root) {
  /** @type {any} */
  let data = {};
  try { data = JSON.parse(root.querySelector(":scope > script.sb-progress-data")?.textContent || "{}"); } catch { /* none */ }
  const chapters = Array.isArray(data.chapters) ? data.chapters.filter((/** @type {any} */ c) => c && typeof c.docname === "string") : [];
  return { chapters, exercises: data.exercises || {}, sources: data.sources || {}, schema: data.schema || {} };
}

/** @param {number[]} counts */
const countCells = (counts) =>
  ["sb-count-total", "sb-count-attempted", "sb-count-correct"].map((cls, i) => h("td", { class: cls }, String(counts[i])));

/** The table of the current progress. @param {Chapter[]} chapters */
function table(chapters) {
  const records = readProgress().exercises;
  const totals = [0, 0, 0];
  const body = h("tbody");
  for (const ch of chapters) {
    const ids = Array.isArray(ch.exercises) ? ch.exercises : [];
    const recs = ids.map((id) => own(records, id) || null);
    const counts = [ids.length, recs.filter((r) => r && Number(r.attempts) > 0).length, recs.filter((r) => r && r.correct === true).length];
    counts.forEach((n, i) => (totals[i] += n));
    const href = safeHref(ch.href);
    const title = String(ch.title || ch.docname);
    body.append(
      h("tr", { "data-chapter": ch.docname }, h("th", { scope: "row" }, href ? h("a", { href }, title) : title), ...countCells(counts)),
    );
  }
  const heads = [t("Chapter"), t("Exercises"), t("Attempted"), t("Correct")].map((text, i) => h("th", { scope: "col", class: i ? "sb-num" : "" }, text));
  return h(
    "table",
    { class: "sb-progress-table" },
    h("caption", {}, t("Your progress by chapter")),
    h("thead", {}, h("tr", {}, ...heads)),
    body,
    h("tfoot", {}, h("tr", { class: "sb-progress-total" }, h("th", { scope: "row" }, t("Total")), ...countCells(totals))),
  );
}

/** Exercises answered wrongly or not yet, per chapter and skill, and detached notes. @param {Data} data */
function review(data) {
  const records = readProgress().exercises;
  const out = h("div", { class: "sb-review" }, h("h2", { id: "sb-review-heading" }, t("To look at again")));
  let any = false;
  for (const ch of data.chapters) {
    /** @type {Map<string, HTMLElement>} */
    const bySkill = new Map();
    for (const id of ch.exercises) {
      const r = own(records, id);
      if (r && r.correct === true) continue;
      const info = own(data.exercises, id) || { skill: "", prompt: id };
      const list = bySkill.get(info.skill) || h("ul", {});
      bySkill.set(info.skill, list);
      const href = safeHref(`${ch.href || ""}#ex-${id}`);
      const status = r && Number(r.attempts) > 0 ? t("answered wrongly") : t("not yet answered");
      list.append(h("li", { "data-exercise": id }, href ? h("a", { href }, clip(String(info.prompt), 90)) : id, ` (${status})`));
    }
    if (!bySkill.size) continue;
    any = true;
    // Folded per chapter, with its count, so the list is a short one on a phone.
    const count = [...bySkill.values()].reduce((n, list) => n + list.children.length, 0);
    const section = h("details", { class: "sb-review-chapter", "data-chapter": ch.docname },
      h("summary", {}, h("span", { class: "sb-review-title" }, String(ch.title || ch.docname)), ` (${count})`));
    for (const [skill, list] of bySkill) section.append(h("p", { class: "sb-review-skill" }, skill || t("Exercises")), list);
    out.append(section);
  }
  const detached = Object.values(readStore().notes).filter((n) => n && n.detached === true && n.deleted !== true);
  if (detached.length) {
    any = true;
    const list = h("ul", { class: "sb-review-detached" });
    for (const note of detached) {
      const [sid, p] = String(note.paragraph || "").split(":p");
      const source = own(data.sources, sid);
      const label = `${source ? source.label : sid} ¶${p}`;
      const href = source && safeHref(`${source.href || ""}#${sid}-p${p}`);
      list.append(h("li", {}, `“${clip(String(note.quote || note.text || ""), 90)}” — `, href ? h("a", { href }, label) : label));
    }
    out.append(h("h3", {}, t("Detached notes")), h("p", {}, t("The words these notes marked are no longer in their paragraph (the course was revised). They were not moved.")), list);
  }
  if (!any) out.append(h("p", {}, t("Nothing: every exercise is answered correctly.")));
  return out;
}

/** The words of "Try a chapter again". */
const AGAIN = {
  label: t("Try a chapter again"),
  button: t("Clear its answers"),
  done: (/** @type {string} */ title, /** @type {number} */ n) =>
    n ? tn("{title}: {n} answer cleared in this browser; the options come in a new order. Your first tries are kept as they were.",
      "{title}: {n} answers cleared in this browser; the options come in a new order. Your first tries are kept as they were.", n, { title })
      : t("{title}: no checked answers to clear.", { title }),
};

/**
 * Clear one chapter's answers in this browser, for a fresh try in a new order (exercise.js `tryAgain`).
 * @param {Chapter[]} chapters @param {(text: string) => void} say @param {() => void} refresh
 */
function tryAgainForm(chapters, say, refresh) {
  const select = h("select", { id: "sb-try-again-chapter", class: "sb-try-again-chapter" },
    ...chapters.map((ch) => h("option", { value: ch.docname }, String(ch.title || ch.docname))));
  const button = h("button", { type: "button", class: "sb-try-again" }, AGAIN.button);
  button.addEventListener("click", () => {
    const ch = chapters.find((c) => c.docname === select.value);
    if (!ch) return;
    say(AGAIN.done(String(ch.title || ch.docname), tryAgain(Array.isArray(ch.exercises) ? ch.exercises : [])));
    refresh();
  });
  return h("p", { class: "sb-progress-field sb-try-again-field" }, h("label", { for: select.id }, AGAIN.label), " ", select, " ", button);
}

/** @param {string} text */
function download(text) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
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
  const data = dataOf(root);
  const view = h("div", { class: "sb-progress-view" });
  const again = h("div", { class: "sb-progress-review" });
  const status = h("p", { class: "sb-progress-status", role: "status", "aria-live": "polite" });
  const name = h("input", { type: "text", id: "sb-student-name", autocomplete: "name", class: "sb-student-name" });
  name.value = readStudent().name || "";
  name.addEventListener("input", () => saveName(name.value));
  const save = h("button", { type: "button", class: "sb-progress-download" }, t("Download my work"));
  const file = h("input", { type: "file", id: "sb-restore-file", accept: ".json,application/json", class: "sb-restore-file" });
  const reset = h("button", { type: "button", class: "sb-progress-reset" }, t("Reset my progress"));
  const refresh = () => {
    view.replaceChildren(table(data.chapters));
    again.replaceChildren(review(data));
    if (document.activeElement !== name) name.value = readStudent().name || "";
  };

  save.addEventListener("click", async () => {
    download(await workFileText());
    status.textContent = t("Saved as {file} in your downloads.", { file: FILE_NAME });
  });
  file.addEventListener("change", async () => {
    const chosen = file.files && file.files[0];
    if (!chosen) return;
    try {
      const work = await parseWork(await chosen.text(), data.schema);
      status.textContent = restoreWork(work);
    } catch (err) {
      status.textContent = t("Not restored: {reason}. Your work in this browser is unchanged.", { reason: err instanceof Error ? err.message : String(err) });
    }
    file.value = "";
    refresh();
  });
  reset.addEventListener("click", () => {
    if (!window.confirm(t("Reset your progress? This deletes every self-check answer saved in this browser."))) return;
    clearProgress();
    refresh();
    status.textContent = t("Your progress has been reset.");
  });
  window.addEventListener("storage", (event) => void ([STORAGE_KEY, STUDENT_KEY, NOTES_KEY, null].includes(event.key) && refresh()));
  window.addEventListener("pageshow", (event) => void (event.persisted && refresh()));

  refresh();
  // The student's file first, within a thumb's reach; the table and the review list after it; the reset apart, last.
  root.append(
    h("p", { class: "sb-progress-field" }, h("label", { for: name.id }, t("Your name")), " ", name),
    h("div", { class: "sb-progress-actions" }, save, h("label", { for: file.id, class: "sb-restore-label" }, t("Restore from a file")), file),
    status,
    h("p", { class: "sb-progress-note" }, t("Your work is saved only in this browser; nothing is sent anywhere. To keep it, or to move to another computer, download it and restore it there.")),
    view,
    tryAgainForm(data.chapters, (text) => (status.textContent = text), refresh),
    again,
    h("div", { class: "sb-progress-danger" }, h("p", {}, t("Start the self-checks again: this deletes every self-check answer in this browser, open answers included (your notes and assignment answers stay). Download your work first to keep a copy.")), reset),
  );
}

if (typeof document !== "undefined") {
  whenReady(() => document.querySelectorAll(".sb-progress").forEach((el) => renderProgress(/** @type {HTMLElement} */ (el))));
}
