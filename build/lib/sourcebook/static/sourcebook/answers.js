// @ts-check
/**
 * Written answers: each `div.sb-written[data-answer-id]` becomes a labelled text box whose text is
 * kept in this browser as it is typed (and so in the downloaded work file); shown back as text.
 */
import { readStudent, saveAnswer, STUDENT_KEY } from "./workfile.js";
import { whenReady } from "./notes-store.js";

/** @param {HTMLElement} root */
function wire(root) {
  if (root.hasAttribute("data-wired")) return;
  root.setAttribute("data-wired", "1");
  const id = root.dataset.answerId || "";
  root.querySelectorAll(".sb-noscript").forEach((el) => el.setAttribute("hidden", ""));
  const box = document.createElement("textarea");
  box.id = `sb-written-${id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  box.className = "sb-answer-text";
  box.rows = 6;
  box.setAttribute("data-lm-suppress-shortcuts", "true");
  const label = document.createElement("label");
  label.htmlFor = box.id;
  label.className = "sb-answer-label";
  label.textContent = root.dataset.label || "Your answer";
  const saved = document.createElement("p");
  saved.className = "sb-saved";
  saved.setAttribute("aria-live", "polite");
  const load = () => {
    const answer = readStudent().answers[id];
    box.value = answer && typeof answer.text === "string" ? answer.text : "";
  };
  load();
  box.addEventListener("input", () => {
    saveAnswer(id, box.value);
    saved.textContent = "Saved in this browser.";
  });
  window.addEventListener("storage", (e) => void ((e.key === STUDENT_KEY || e.key === null) && document.activeElement !== box && load()));
  root.append(label, box, saved);
}

if (typeof document !== "undefined") {
  whenReady(() => document.querySelectorAll("div.sb-written").forEach((el) => wire(/** @type {HTMLElement} */ (el))));
}
