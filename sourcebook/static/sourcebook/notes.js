// @ts-check
/**
 * Notes on the numbered paragraphs of a source text. Each paragraph gets an "Add a note to <Label> ¶N"
 * button; words selected inside one paragraph offer "Add a note to the selected words" (the form's
 * "Words marked" box does the same by keyboard). A note's words are highlighted with `<mark>`s made
 * with DOM ranges. On load, a note whose words are no longer in its paragraph is marked detached,
 * never moved. Reads `<div class="sb-notes"><script type="application/json" class="sb-notes-data">`.
 */
import {
  readStore, updateStore, onStoreChange, liveNotes, newNoteId, now, locate, pageData, tagLabel, h, uid, whenReady,
} from "./notes-store.js";
import { t } from "./exercise.js";

/** @typedef {import("./notes-store.js").Note} Note @typedef {import("./notes-store.js").PageData} PageData */
/** @typedef {{pid: string, label: string, el: HTMLElement, text: string, bar: HTMLElement, list: HTMLElement, add: HTMLButtonElement}} Para */

const MAX_QUOTE = 5000;
/** A note being written, kept as it is typed so that a reload or a closed tab does not lose it. */
const DRAFT_KEY = "sourcebook-note-draft-v1";
/** @typedef {{paragraph: string, id: string | null, words: string, text: string, own: string, tags: string[]}} Draft */

/** @returns {Draft | null} */
function readDraft() {
  try {
    const d = JSON.parse(window.localStorage.getItem(DRAFT_KEY) || "null");
    return d && typeof d.paragraph === "string" ? d : null;
  } catch { return null; }
}

/** @param {Draft | null} draft */
function writeDraft(draft) {
  try {
    if (draft) window.localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
    else window.localStorage.removeItem(DRAFT_KEY);
  } catch { /* storage disabled: nothing to keep it in */ }
}

/** The paragraph's own text: everything but its ¶ link. @param {HTMLElement} p */
function ownText(p) {
  return [...p.childNodes].filter((n) => !(n instanceof Element && n.classList.contains("sb-pnum")))
    .map((n) => n.textContent).join("").replace(/^ /, "");
}

/** Put back the paragraph's text as one text node (dropping old marks). @param {Para} para */
function resetText(para) {
  for (const node of [...para.el.childNodes]) {
    if (!(node instanceof Element && node.classList.contains("sb-pnum"))) node.remove();
  }
  const text = document.createTextNode(" " + para.text);
  para.el.append(text);
  return text;
}

/** Highlight each note's words (not overlapping ones twice). @param {Para} para @param {[string, Note][]} notes */
function markWords(para, notes) {
  const textNode = resetText(para);
  /** @type {[number, number, string][]} */
  const spans = [];
  for (const [id, note] of notes) {
    const at = note.quote && !note.detached && note.quote !== para.text ? locate(para.text, note.quote) : null;
    if (at) spans.push([at[0] + 1, at[1] + 1, id]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const kept = spans.filter((s, i) => spans.slice(0, i).every((t) => t[1] <= s[0]));
  // From the last to the first: each wrap splits off the text after it, the first node keeps the start.
  for (const [start, end, id] of kept.reverse()) {
    const range = document.createRange();
    range.setStart(textNode, start);
    range.setEnd(textNode, end);
    range.surroundContents(h("mark", { class: "sb-note-mark", "data-note": id }));
  }
}

/** Set `detached` on the notes whose words left their paragraph (and clear it when they are back). @param {Map<string, Para>} paras @param {Set<string>} sources */
function checkDetached(paras, sources) {
  /** @type {[string, boolean][]} */
  const changes = [];
  for (const [id, note] of liveNotes(readStore())) {
    const source = note.paragraph.split(":p")[0];
    if (!sources.has(source)) continue;
    const para = paras.get(note.paragraph);
    const detached = !para || (note.quote !== undefined && locate(para.text, String(note.quote)) === null);
    if (detached !== Boolean(note.detached)) changes.push([id, detached]);
  }
  if (!changes.length) return;
  updateStore((store) => {
    for (const [id, detached] of changes) {
      const note = store.notes[/** @type {string} */ (id)];
      if (detached) note.detached = true;
      else delete note.detached;
      note.updated = now();
    }
  });
}

/** Tag checkboxes for one vocabulary. @param {string} legend @param {import("./notes-store.js").Term[]} terms @param {Set<string>} chosen */
function tagGroup(legend, terms, chosen) {
  const group = h("fieldset", { class: "sb-note-taggroup" }, h("legend", {}, legend));
  for (const term of terms) {
    const box = h("input", { type: "checkbox", value: term.id, class: "sb-note-tag" });
    box.checked = chosen.has(term.id);
    group.append(h("label", { class: "sb-note-check" }, box, " " + term.label));
  }
  return group;
}

/** One page's notes: the paragraph bars, the form, the selection button and the live status. */
class PageNotes {
  /** @param {HTMLElement} root @param {PageData} data */
  constructor(root, data) {
    this.data = data;
    /** @type {Map<string, Para>} */
    this.paras = new Map();
    this.status = h("p", { class: "sb-visually-hidden", role: "status", "aria-live": "polite" });
    root.append(this.status);
    /** @type {HTMLFormElement | null} */
    this.form = null;
    /** @type {HTMLElement | null} */
    this.opener = null;
    /** @type {{para: Para, quote: string} | null} */
    this.pending = null;
    /** @type {number | undefined} */
    this.hideTimer = undefined;
    this.selectButton = h("button", { type: "button", class: "sb-note-selection", hidden: "" }, t("Add a note to the selected words"));
    this.selectButton.addEventListener("mousedown", (event) => event.preventDefault()); // keep the selection
    this.selectButton.addEventListener("click", () => {
      if (this.pending) this.open(this.pending.para, null, this.pending.para.add, this.pending.quote);
    });
    this.sources = new Set(Object.keys(data.sources).filter((sid) => data.sources[sid].href === ""));
    for (const sid of this.sources) this.wireSource(sid);
    document.addEventListener("selectionchange", () => this.onSelection());
  }

  /** @param {string} sid */
  wireSource(sid) {
    const box = document.getElementById(`${sid}-text`);
    const label = this.data.sources[sid].label;
    for (const p of box ? box.querySelectorAll(":scope > p.sb-para[id]") : []) {
      const el = /** @type {HTMLElement} */ (p);
      const n = el.id.slice(sid.length + 2);
      const cite = `${label} ¶${n}`;
      const add = h("button", { type: "button", class: "sb-note-add" }, t("Add a note"), h("span", { class: "sb-visually-hidden" }, t(" to {cite}", { cite })));
      const list = h("ul", { class: "sb-note-list", "aria-label": t("Your notes on {cite}", { cite }), hidden: "" });
      const bar = h("div", { class: "sb-note-bar" }, list, h("div", { class: "sb-note-buttons" }, add));
      el.after(bar);
      /** @type {Para} */
      const para = { pid: `${sid}:p${n}`, label: cite, el, text: ownText(el), bar, list, add };
      add.addEventListener("click", () => this.open(para, null, add));
      this.paras.set(para.pid, para);
    }
  }

  /**
   * Show "Add a note to the selected words" just below a selection inside one paragraph (a phone's own
   * copy menu sits above it), or hide it a moment after the selection goes: a tap on the button may
   * clear the selection before its click arrives.
   */
  onSelection() {
    const selection = document.getSelection();
    const range = selection && !selection.isCollapsed && selection.rangeCount ? selection.getRangeAt(0) : null;
    const para = range && [...this.paras.values()].find((p) => p.el.contains(range.startContainer) && p.el.contains(range.endContainer));
    const quote = range ? range.toString().trim() : "";
    const button = this.selectButton;
    clearTimeout(this.hideTimer);
    if (!range || !para || !quote || quote.length > MAX_QUOTE || !locate(para.text, quote)) {
      this.hideTimer = window.setTimeout(() => void (document.activeElement !== button && (button.hidden = true)), 600);
      return;
    }
    this.pending = { para, quote };
    if (button.parentElement !== para.bar) para.bar.prepend(button);
    button.hidden = false;
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const end = rects[rects.length - 1];
    if (!end) return;
    const box = para.bar.getBoundingClientRect();
    button.style.top = `${end.bottom - box.top + 28}px`;
    button.style.left = `${Math.max(0, Math.min(end.left - box.left, para.bar.clientWidth - button.offsetWidth))}px`;
  }

  render() {
    const byPara = new Map();
    for (const entry of liveNotes(readStore())) {
      if (!byPara.has(entry[1].paragraph)) byPara.set(entry[1].paragraph, []);
      byPara.get(entry[1].paragraph).push(entry);
    }
    for (const para of this.paras.values()) this.renderPara(para, byPara.get(para.pid) || []);
  }

  /** @param {Para} para @param {[string, Note][]} notes */
  renderPara(para, notes) {
    markWords(para, notes);
    para.el.classList.toggle("sb-para-noted", notes.length > 0);
    para.list.hidden = notes.length === 0;
    para.list.replaceChildren(...notes.map(([id, note]) => this.item(para, id, note)));
  }

  /** @param {Para} para @param {string} id @param {Note} note */
  item(para, id, note) {
    const li = h("li", { class: "sb-note", "data-note": id });
    const whole = !note.quote || note.quote === para.text;
    li.append(h("p", { class: "sb-note-quoted" }, whole ? t("On the whole paragraph") : t("“{quote}”", { quote: note.quote })));
    if (note.detached) {
      li.append(h("p", { class: "sb-note-detached" }, t("Detached: these words are no longer in this paragraph. The note is kept as it was.")));
    }
    if (note.text) li.append(h("p", { class: "sb-note-body" }, String(note.text)));
    if (Array.isArray(note.tags) && note.tags.length) {
      li.append(h("ul", { class: "sb-note-taglist", "aria-label": t("Tags") }, ...note.tags.map((t) => h("li", {}, tagLabel(String(t), this.data)))));
    }
    const edit = h("button", { type: "button", class: "sb-note-edit", "data-note": id }, t("Edit note"),
      h("span", { class: "sb-visually-hidden" }, t(" on {label}: {text}", { label: para.label, text: String(note.text || note.quote || "").slice(0, 60) })));
    edit.addEventListener("click", () => this.open(para, id, edit));
    li.append(edit);
    return li;
  }

  /**
   * Open the note form under a paragraph, for a new note (`id` null) or to edit one.
   * A kept draft (`draft`) fills the form in without taking the focus.
   * @param {Para} para @param {string | null} id @param {HTMLElement} opener @param {string} [quote] @param {Draft | null} [draft]
   */
  open(para, id, opener, quote = "", draft = null) {
    this.close(false);
    this.selectButton.hidden = true;
    const note = id ? readStore().notes[id] : null;
    const chosen = new Set(draft ? draft.tags : note && Array.isArray(note.tags) ? note.tags.map(String) : []);
    const known = new Set([...this.data.theses, ...this.data.skills].map((t) => t.id));
    const [title, qid, help, tid, own, err] = ["sb-note-title", "sb-note-q", "sb-note-qhelp", "sb-note-t", "sb-note-own", "sb-note-err"].map(uid);
    const stored = note && note.quote && note.quote !== para.text ? String(note.quote) : "";
    const quoteBox = h("input", { type: "text", id: qid, class: "sb-note-words", "aria-describedby": help });
    quoteBox.value = draft ? draft.words : id ? stored : quote;
    const textBox = h("textarea", { id: tid, class: "sb-note-textbox", rows: "3" });
    textBox.value = draft ? draft.text : note ? String(note.text || "") : "";
    const ownBox = h("input", { type: "text", id: own, class: "sb-note-owntags" });
    ownBox.value = draft ? draft.own : [...chosen].filter((t) => !known.has(t)).join(", ");
    const error = h("p", { id: err, class: "sb-note-error", "aria-live": "assertive" });
    const save = h("button", { type: "submit", class: "sb-note-save" }, t("Save note"));
    const cancel = h("button", { type: "button", class: "sb-note-cancel" }, t("Cancel"));
    const kept = h("span", { class: "sb-saved" }, draft ? t("Draft kept in this browser (not saved as a note yet)") : "");
    const form = h("form", { class: "sb-note-form", "aria-labelledby": title },
      h("p", { id: title, class: "sb-note-formtitle" }, id ? t("Edit your note on {label}", { label: para.label }) : t("New note on {label}", { label: para.label })),
      h("label", { for: qid }, t("Words marked (optional)")), quoteBox,
      h("p", { id: help, class: "sb-note-help" }, t("Copy the exact words from the paragraph, or leave this empty to note the whole paragraph.")),
      h("label", { for: tid }, t("Note")), textBox,
      h("fieldset", { class: "sb-note-tags" }, h("legend", {}, t("Tags")),
        tagGroup(t("Theses"), this.data.theses, chosen), tagGroup(t("Reading skills"), this.data.skills, chosen),
        h("label", { for: own }, t("Your own tags (separate them with commas)")), ownBox),
      error,
      h("div", { class: "sb-note-actions" }, save, cancel, kept));
    if (id) {
      const remove = h("button", { type: "button", class: "sb-note-delete" }, t("Delete note"));
      remove.addEventListener("click", () => this.remove(para, id));
      form.lastElementChild?.append(remove);
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save(para, id, { quoteBox, textBox, ownBox, error, stored });
    });
    cancel.addEventListener("click", () => this.close(true));
    // Every key is kept at once, so a reload or a closed tab loses nothing of a note not saved yet.
    form.addEventListener("input", () => {
      const tags = [...form.querySelectorAll("input.sb-note-tag:checked")].map((b) => /** @type {HTMLInputElement} */ (b).value);
      writeDraft({ paragraph: para.pid, id, words: quoteBox.value, text: textBox.value, own: ownBox.value, tags });
      kept.textContent = t("Draft kept in this browser (not saved as a note yet)");
    });
    form.addEventListener("keydown", (event) => void (event.key === "Escape" && this.close(true)));
    para.bar.append(form);
    this.form = form;
    this.opener = opener;
    if (!draft) textBox.focus();
  }

  /**
   * @param {Para} para @param {string | null} id
   * @param {{quoteBox: HTMLInputElement, textBox: HTMLTextAreaElement, ownBox: HTMLInputElement, error: HTMLElement, stored: string}} f
   */
  save(para, id, f) {
    const words = f.quoteBox.value.trim();
    const previous = id ? readStore().notes[id]?.quote : undefined;
    // Unchanged words stay as they were, even when they left the paragraph: a note is never moved.
    let quote = id && words === f.stored && previous !== undefined ? String(previous) : para.text;
    if (words && words !== f.stored) {
      const at = locate(para.text, words);
      if (!at) {
        f.error.textContent = t("These words are not in {label}: copy them exactly from the paragraph, or leave the box empty.", { label: para.label });
        f.quoteBox.setAttribute("aria-invalid", "true");
        f.quoteBox.focus();
        return;
      }
      quote = para.text.slice(at[0], at[1]);
    }
    const own = f.ownBox.value.split(",").map((t) => t.trim().slice(0, 100)).filter(Boolean);
    const checked = [...(this.form?.querySelectorAll("input.sb-note-tag:checked") || [])].map((b) => /** @type {HTMLInputElement} */ (b).value);
    const tags = [...new Set([...checked, ...own])].slice(0, 50);
    const noteId = id || newNoteId();
    updateStore((store) => {
      const old = store.notes[noteId];
      const time = now();
      /** @type {Note} */
      const note = { paragraph: para.pid, text: f.textBox.value, tags, created: old ? old.created : time, updated: time };
      if (quote.length <= MAX_QUOTE) note.quote = quote;
      if (old && old.detached && quote === old.quote) note.detached = true;
      store.notes[noteId] = note;
    });
    this.after(para, noteId, t("Note saved on {label}.", { label: para.label }));
  }

  /** @param {Para} para @param {string} id */
  remove(para, id) {
    updateStore((store) => {
      if (store.notes[id]) Object.assign(store.notes[id], { deleted: true, updated: now() });
    });
    this.after(para, null, t("Note deleted from {label}.", { label: para.label }));
  }

  /** Close the form, redraw, announce and put focus back. @param {Para} para @param {string | null} id @param {string} message */
  after(para, id, message) {
    writeDraft(null);
    this.form?.remove();
    this.form = null;
    this.render();
    this.status.textContent = message;
    const edit = id ? para.list.querySelector(`button.sb-note-edit[data-note="${id}"]`) : null;
    /** @type {HTMLElement} */ (edit || para.add).focus();
  }

  /** Open the form again on a note draft this page kept (the page was reloaded or closed meanwhile). */
  resume() {
    const draft = readDraft();
    const para = draft && this.paras.get(draft.paragraph);
    if (!draft || !para) return;
    const id = draft.id && readStore().notes[draft.id] ? draft.id : null;
    this.open(para, id, para.add, "", draft);
    this.status.textContent = `Your unsaved note on ${para.label} is back: save it or cancel it.`;
  }

  /** @param {boolean} refocus */
  close(refocus) {
    if (!this.form) return;
    if (refocus) writeDraft(null); // cancelled
    this.form.remove();
    this.form = null;
    if (refocus && this.opener && this.opener.isConnected) this.opener.focus();
  }
}

whenReady(() => {
  for (const root of document.querySelectorAll(".sb-notes")) {
    if (root.hasAttribute("data-wired")) continue;
    root.setAttribute("data-wired", "1");
    root.querySelectorAll(".sb-noscript").forEach((el) => el.setAttribute("hidden", ""));
    const notes = new PageNotes(/** @type {HTMLElement} */ (root), pageData(root, "sb-notes-data"));
    checkDetached(notes.paras, notes.sources);
    notes.render();
    onStoreChange(() => notes.render());
    notes.resume();
  }
});
