// @ts-check
/**
 * One written-answer box, for the assignments page (`answers.js`, saved in this browser) and for a
 * notebook (`export default { render }`: an anywidget front end, "text" kept in the kernel's
 * NotebookStore and so in the work file). Full width, and it grows with the text.
 */

// The edition's words, from the page's inline catalogue as exercise.js's `t` reads it (anywidget loads this
// file alone, so it cannot import it); English where there is none, as in Jupyter.
/** @param {string} msgid */
function t(msgid) {
  try {
    const found = JSON.parse(document.getElementById("sourcebook-messages")?.textContent || "{}")[msgid];
    return typeof found === "string" && found ? found : msgid;
  } catch {
    return msgid;
  }
}

/** The box grows to show all its text (CSS `field-sizing: content` where the browser has it). @param {HTMLTextAreaElement} box */
export function grow(box) {
  box.style.height = "auto";
  box.style.height = `${box.scrollHeight + 2}px`;
}

/**
 * A labelled text box; `onInput(text)` on every keystroke, and "Saved" said once it is kept.
 * @param {string} id @param {string} label @param {string} value @param {(text: string) => void} onInput @param {string} where
 * @returns {{nodes: HTMLElement[], box: HTMLTextAreaElement}}
 */
export function answerBox(id, label, value, onInput, where) {
  const box = document.createElement("textarea");
  box.id = `sb-written-${id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  box.className = "sb-answer-text";
  box.rows = 8;
  box.value = value;
  box.setAttribute("data-lm-suppress-shortcuts", "true");
  const text = document.createElement("label");
  text.htmlFor = box.id;
  text.className = "sb-answer-label";
  text.textContent = label || t("Your answer");
  const saved = document.createElement("p");
  saved.className = "sb-saved";
  saved.setAttribute("aria-live", "polite");
  box.addEventListener("input", () => {
    onInput(box.value);
    grow(box);
    saved.textContent = where;
  });
  requestAnimationFrame(() => grow(box));
  return { nodes: [text, box, saved], box };
}

/** anywidget's render: the notebook's box. @param {{model: any, el: HTMLElement}} ctx */
function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "sb-written";
  const { nodes, box } = answerBox(model.get("answer_id"), model.get("label"), model.get("text") || "", (text) => {
    model.set("text", text);
    model.save_changes();
  }, t("Saved beside this notebook."));
  // JupyterLab takes Enter before the box sees it (its notebook handles it even where the shortcuts are
  // suppressed): the box inserts the line break itself, as typing would, and keeps the key from the notebook.
  box.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
    e.preventDefault();
    e.stopPropagation();
    if (!document.execCommand("insertText", false, "\n")) {
      box.setRangeText("\n", box.selectionStart, box.selectionEnd, "end");
      box.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
  const update = () => {
    if (document.activeElement !== box) box.value = model.get("text") || "";
  };
  model.on("change:text", update);
  root.append(...nodes);
  el.append(root);
  return () => model.off("change:text", update);
}

export default { render };
