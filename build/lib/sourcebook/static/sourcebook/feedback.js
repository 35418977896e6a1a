// @ts-check
/**
 * Feedback from the instructor: "Open feedback from your instructor" reads a `sourcebook-feedback`
 * file (written by `python -m sourcebook feedback`, format in `sourcebook/instructor/feedback.py`) and
 * shows each comment beside the student's own answer. Everything in the file is shown as text, never
 * as markup; nothing is stored or sent.
 */

import { h, whenReady } from "./notes-store.js";
import { COURSE } from "./workfile.js";

const FORMAT = "sourcebook-feedback";

/** @typedef {{item: string, title: string, answer: string, comment: string}} Entry */
/** @typedef {{student: {name: string, id?: string}, written: string, items: Entry[]}} Feedback */

/** @param {unknown} v */
const str = (v) => (typeof v === "string" ? v : "");

/**
 * A feedback file's text, checked: the feedback, or the reason it cannot be read.
 * @param {string} text @returns {{feedback: Feedback} | {reason: string}}
 */
export function parseFeedback(text) {
  let data;
  try { data = JSON.parse(text); } catch { return { reason: "This is not a feedback file (it is not valid JSON)." }; }
  if (!data || data.format !== FORMAT) return { reason: `This is not a feedback file (expected "format": "${FORMAT}").` };
  if (data.course !== COURSE) return { reason: "This feedback is for another course." };
  if (data.version !== 1) return { reason: `This feedback file is version ${JSON.stringify(data.version)}; this page reads version 1.` };
  if (!Array.isArray(data.items)) return { reason: "This feedback file holds no comments." };
  const items = data.items.filter((/** @type {any} */ i) => i && typeof i === "object")
    .map((/** @type {any} */ i) => ({ item: str(i.item), title: str(i.title), answer: str(i.answer), comment: str(i.comment) }));
  return { feedback: { student: { name: str(data.student?.name), id: str(data.student?.id) }, written: str(data.written), items } };
}

/** The comments, each beside the student's answer. @param {Feedback} fb */
function view(fb) {
  const who = fb.student.name || fb.student.id || "you";
  const when = fb.written ? ` (written ${fb.written.slice(0, 10)})` : "";
  const out = h("div", { class: "sb-feedback-view" }, h("p", {}, `Feedback for ${who}${when}: ${fb.items.length} comment(s).`));
  for (const entry of fb.items) {
    out.append(h("section", { class: "sb-feedback-item", "data-item": entry.item },
      h("h3", {}, entry.title || entry.item),
      h("div", { class: "sb-feedback-pair" },
        h("div", { class: "sb-feedback-answer" }, h("p", { class: "sb-feedback-label" }, "Your answer"),
          h("blockquote", {}, entry.answer || "(no answer)")),
        h("div", { class: "sb-feedback-comment" }, h("p", { class: "sb-feedback-label" }, "Your instructor's comment"),
          h("blockquote", {}, entry.comment)))));
  }
  return out;
}

/** Wire one `.sb-feedback-viewer` (idempotent). @param {HTMLElement} root */
export function renderViewer(root) {
  if (root.hasAttribute("data-wired")) return;
  root.setAttribute("data-wired", "1");
  root.querySelectorAll(".sb-noscript").forEach((el) => el.setAttribute("hidden", ""));
  const id = `sb-feedback-file-${Math.random().toString(36).slice(2, 8)}`;
  const input = h("input", { type: "file", id, accept: ".json,application/json", class: "sb-feedback-file" });
  const status = h("p", { class: "sb-feedback-status", role: "status", "aria-live": "polite" });
  const output = h("div", { class: "sb-feedback-output" });
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const result = parseFeedback(await file.text());
    if ("reason" in result) {
      output.replaceChildren();
      status.textContent = result.reason;
      return;
    }
    output.replaceChildren(view(result.feedback));
    status.textContent = `Opened ${file.name}.`;
  });
  root.append(h("p", {}, h("label", { for: id }, "Open feedback from your instructor"), " ", input), status, output);
}

if (typeof document !== "undefined") {
  whenReady(() => document.querySelectorAll(".sb-feedback-viewer").forEach((el) => renderViewer(/** @type {HTMLElement} */ (el))));
}
