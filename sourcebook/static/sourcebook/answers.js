// @ts-check
/**
 * Written answers: each `div.sb-written[data-answer-id]` becomes a labelled text box (`written.js`, as
 * in a notebook) whose text is kept in this browser as it is typed (and so in the downloaded work
 * file); shown back as text.
 */
import { readStudent, saveAnswer, STUDENT_KEY } from "./workfile.js";
import { whenReady } from "./notes-store.js";
import { answerBox, grow } from "./written.js";
import { t } from "./exercise.js";

/** @param {string} id */
const savedText = (id) => {
  const answer = readStudent().answers[id];
  return answer && typeof answer.text === "string" ? answer.text : "";
};

/** @param {HTMLElement} root */
function wire(root) {
  if (root.hasAttribute("data-wired")) return;
  root.setAttribute("data-wired", "1");
  const id = root.dataset.answerId || "";
  root.querySelectorAll(".sb-noscript").forEach((el) => el.setAttribute("hidden", ""));
  const { nodes, box } = answerBox(id, root.dataset.label || t("Your answer"), savedText(id), (text) => saveAnswer(id, text), t("Saved in this browser."));
  const load = () => {
    box.value = savedText(id);
    grow(box);
  };
  window.addEventListener("storage", (e) => void ((e.key === STUDENT_KEY || e.key === null) && document.activeElement !== box && load()));
  root.append(...nodes);
}

if (typeof document !== "undefined") {
  whenReady(() => document.querySelectorAll("div.sb-written").forEach((el) => wire(/** @type {HTMLElement} */ (el))));
}
