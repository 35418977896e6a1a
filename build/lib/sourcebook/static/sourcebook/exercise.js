// @ts-check
/**
 * Self-check exercises: one ES module, two hosts.
 * - Static page: on import, each `div.sb-exercise` with a `script.sb-exercise-data` JSON payload is
 *   rendered with a page model whose "result" lives in localStorage.
 * - Jupyter: `export default { render }` is an anywidget front end ("exercise" in, "result" out).
 * Only the payload's `*_html` fields (markdown-it, raw HTML disabled) are set as HTML; every other
 * string is set as text. Nothing leaves the browser.
 * Options are shown in an order of this student's own (`arrange`): shuffled by a seed kept with the
 * progress (in Jupyter, by the widget's `seed`), mixed with the exercise id. Answers are stored by the
 * options' stable keys, never by position.
 */

export const STORAGE_KEY = "sourcebook-progress-v1";

/** @typedef {{id: string, label: string, href: string | null, text: string}} Passage */
/** @typedef {{key: string, html?: string, correct?: boolean, feedback_html?: string, passage?: Passage}} Option */
/** @typedef {{key: string, label: string}} Category */
/** @typedef {{key: string, passage: Passage, answer: string, feedback_html?: string}} ClassifyItem */
/** @typedef {{key: string, html: string}} Entry */
/** @typedef {{id: string, type: string, chapter: string, chapter_title: string, skill: string, skill_label: string,
 *   theses: {id: string, label: string}[], prompt_html: string, passages: Passage[], explanation_html: string | null,
 *   options: Option[], categories: Category[], items: any[], left: Entry[], right: Entry[], answer: any,
 *   feedback_html: Record<string, string>, claim_html: string, stance: string, model_answer_html: string, rubric: Entry[]}} Exercise */
/** @typedef {{chapter?: string, chapter_title?: string, type?: string, skill?: string, attempts?: number, correct?: boolean,
 *   first_try_correct?: boolean, answer?: any, first_answer?: any, updated?: string, answer_text?: string, self_score?: string}} Result */
/** @typedef {{get(name: string): any, set(name: string, value: any): void, save_changes(): void,
 *   on(event: string, cb: () => void): void, off(event: string, cb?: () => void): void}} Model */
/** @typedef {{format: string, version: number, seed?: string, exercises: Record<string, Result>}} Progress */
/** @typedef {{correct: boolean, verdict?: string, note?: string, body: (Node | null)[], extra?: Result}} Grade */
/**
 * One exercise type, as the shared driver sees it: controls (`nodes` before the Check button, `after` below the
 * feedback), read() → answer or null when incomplete (`empty` says so), write(answer) restores, grade(answer).
 * @typedef {{nodes: Node[], after?: Node[], read(): any, write(answer: any): void,
 *   grade(answer: any, restored: Result | null): Grade, empty?: string, destroy?: () => void}} View
 */
/** What the driver offers a view. @typedef {{promptId: string, result(): Result,
 *   commit(patch: Result, countAttempt: boolean): void, show(g: Grade): void}} Ctx */

/* ------------------------------------------------------------------ storage */

/** In-memory copy, used only once localStorage has failed. @type {string | null} */
let memory = null;

/** @param {any} o @param {string} k */
export const own = (o, k) => (o && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** @returns {Progress} */
const emptyProgress = () => ({ format: "sourcebook-progress", version: 1, exercises: {} });

/** @returns {Progress} the stored progress, always of a valid shape */
export function readProgress() {
  let raw = memory;
  if (raw === null) try { raw = window.localStorage.getItem(STORAGE_KEY); } catch { /* disabled */ }
  try {
    const data = raw ? JSON.parse(raw) : null;
    const ex = data && data.exercises;
    if (data && data.format === "sourcebook-progress" && ex && typeof ex === "object" && !Array.isArray(ex)) {
      return { ...data, version: 1, exercises: ex };
    }
  } catch { /* corrupt: start afresh */ }
  return emptyProgress();
}

/** @param {Progress} progress */
export function writeProgress(progress) {
  const raw = JSON.stringify(progress);
  try { window.localStorage.setItem(STORAGE_KEY, raw); memory = null; } catch { memory = raw; }
}

/** Forget every answer; the seed stays, so the options keep this student's order. */
export function clearProgress() {
  const seed = readProgress().seed;
  memory = null;
  try { window.localStorage.removeItem(STORAGE_KEY); } catch { /* disabled: memory is cleared */ }
  if (typeof seed === "string") writeProgress({ ...emptyProgress(), seed });
}

/** @param {unknown} seed */
const validSeed = (seed) => typeof seed === "string" && /^[0-9a-z]{8,64}$/.test(seed);

/** This browser's shuffling seed, made (and stored with the progress) on first use. @returns {string} */
export function studentSeed() {
  const progress = readProgress();
  if (validSeed(progress.seed)) return /** @type {string} */ (progress.seed);
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  const seed = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  writeProgress({ ...progress, seed });
  return seed;
}

/* ---------------------------------------------------------------- ordering */

/** FNV-1a, 32 bits. @param {string} text */
function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a small seeded generator in [0, 1). @param {number} a */
function generator(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The entries sorted by key, then shuffled (Fisher–Yates) by `seed`: the order depends on the seed and
 * the keys only, not on the order the bank or the build wrote them in.
 * @template {{key: string}} T @param {T[]} entries @param {string} seed @returns {T[]}
 */
export function shuffled(entries, seed) {
  const out = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rand = generator(hash32(seed));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The exercise as this student sees it: choices, classify passages and match's right-hand column in
 * the order of `seed` mixed with the exercise id; without a seed, the build's order.
 * @param {Exercise} ex @param {unknown} seed @returns {Exercise}
 */
export function arrange(ex, seed) {
  if (!validSeed(seed)) return ex;
  /** @template {{key: string}} T @param {T[]} list @param {string} part */
  const mix = (list, part) => (Array.isArray(list) ? shuffled(list, `${seed}:${ex.id}:${part}`) : list);
  if (ex.type === "single" || ex.type === "multiple" || ex.type === "evidence") return { ...ex, options: mix(ex.options, "options") };
  if (ex.type === "classify") return { ...ex, items: mix(ex.items, "items") };
  if (ex.type === "match") return { ...ex, right: mix(ex.right, "right") };
  return ex;
}

/** Static-page model with an anywidget model's surface. @param {Exercise} ex @returns {Model} */
function pageModel(ex) {
  /** @type {Set<() => void>} */
  const listeners = new Set();
  /** @type {Result | null} */
  let pending = null;
  const stored = () => own(readProgress().exercises, ex.id) || {};
  return {
    get: (name) => (name === "exercise" ? ex : name === "result" ? pending || stored() : name === "seed" ? studentSeed() : undefined),
    set(name, value) {
      if (name !== "result") return;
      pending = { ...stored(), ...value };
      listeners.forEach((cb) => cb());
    },
    save_changes() {
      if (!pending) return;
      const progress = readProgress();
      Object.defineProperty(progress.exercises, ex.id, { value: pending, enumerable: true, writable: true, configurable: true });
      writeProgress(progress);
      pending = null;
    },
    on: (event, cb) => void (event === "change:result" && listeners.add(cb)),
    off: (event, cb) => void (cb ? listeners.delete(cb) : listeners.clear()),
  };
}

/* ------------------------------------------------------------- DOM helpers */

const ID_PREFIX = `sb${Math.random().toString(36).slice(2, 7)}`;
let idCount = 0;
const uid = () => `${ID_PREFIX}-${++idCount}`;

/**
 * Build an element; string children become text nodes (never HTML).
 * @template {keyof HTMLElementTagNameMap} K @param {K} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 * @param {...(Node | string | null | undefined)} children @returns {HTMLElementTagNameMap[K]}
 */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (name === "class") node.className = String(value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

/** Element holding a trusted payload `*_html` field. @param {keyof HTMLElementTagNameMap} tag @param {string} cls @param {string | null | undefined} html */
function trusted(tag, cls, html) {
  const node = h(tag, { class: cls });
  node.innerHTML = html || "";
  return node;
}

/** Plain text of an HTML fragment, parsed inert. @param {string | undefined} html */
function textOf(html) {
  const t = document.createElement("template");
  t.innerHTML = html || "";
  return (t.content.textContent || "").replace(/\s+/g, " ").trim();
}

/** @param {string} s @param {number} n */
export const clip = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The href if relative or http(s)/mailto, else null (no javascript: etc.). @param {unknown} href @returns {string | null} */
export function safeHref(href) {
  if (typeof href !== "string" || !href.trim()) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href.replace(/[\u0000-\u0020\u007f]/g, ""));
  return !scheme || /^(https?|mailto)$/i.test(scheme[1]) ? href.trim() : null;
}

/** A passage's label, as a link when it has a safe href. @param {Passage} p */
function citation(p) {
  const href = safeHref(p.href);
  return href ? h("a", { href }, p.label || "") : h("span", {}, p.label || "");
}

/** @param {Passage} p @param {boolean} linked */
function passageQuote(p, linked) {
  const cite = h("figcaption", {}, "— ", linked ? citation(p) : p.label || "");
  return h("figure", { class: "sb-ex-passage" }, h("blockquote", {}, p.text || ""), cite);
}

/** "Read: <a>…</a>, <a>…</a>" @param {Passage[] | undefined} passages */
function readLine(passages) {
  if (!Array.isArray(passages) || !passages.length) return null;
  const line = h("p", { class: "sb-read" }, "Read: ");
  passages.forEach((p, i) => line.append(i ? ", " : "", citation(p)));
  return line;
}

/**
 * A line of per-item feedback, e.g. "✗ You missed: <option>" and its feedback_html.
 * @param {boolean} ok @param {string} label @param {Node | string} subject @param {string | null} [html]
 */
function feedbackItem(ok, label, subject, html) {
  const line = h("p", {}, h("strong", {}, `${ok ? "✓" : "✗"} ${label}`), " ", subject);
  return h("li", { class: "sb-fb-item", "data-ok": ok ? "1" : "0" }, line, html ? trusted("div", "sb-fb-text", html) : null);
}

/** @param {HTMLElement[]} items */
const feedbackList = (items) => (items.length ? h("ul", { class: "sb-fb-list" }, ...items) : null);

/** @param {string} text */
const hint = (text) => h("p", { class: "sb-hint", id: uid() }, text);

/**
 * Native radios or checkboxes in a fieldset named by the prompt and a hint.
 * @param {"radio" | "checkbox"} kind @param {Option[]} options @param {string | null} labelledby
 * @param {(o: Option) => Node} labelOf
 */
function choices(kind, options, labelledby, labelOf) {
  const name = uid();
  const group = h("fieldset", { class: "sb-choices", role: kind === "radio" ? "radiogroup" : null, "aria-labelledby": labelledby });
  const inputs = options.map((o) => {
    const id = uid();
    const input = h("input", { type: kind, id, name, value: o.key });
    group.append(h("div", { class: "sb-choice", "data-key": o.key }, input, h("label", { for: id }, labelOf(o))));
    return input;
  });
  return {
    group,
    selected: () => inputs.filter((i) => i.checked).map((i) => i.value),
    /** @param {unknown} keys */
    select: (keys) => inputs.forEach((i) => (i.checked = Array.isArray(keys) && keys.includes(i.value))),
  };
}

/** A native select with an empty "Choose…" first option. @param {string} id @param {[string, string][]} options [value, text] */
function selectBox(id, options) {
  const sel = h("select", { id }, h("option", { value: "" }, "Choose…"));
  for (const [value, text] of options) sel.append(h("option", { value }, text));
  return sel;
}

/** read/write for one select per item: answer {key: value}, null while one is unanswered. @param {string[]} keys @param {HTMLSelectElement[]} selects */
function selectsView(keys, selects) {
  return {
    empty: "Answer every item first.",
    read() {
      /** @type {Record<string, string>} */
      const answer = {};
      keys.forEach((k, i) => (answer[k] = selects[i].value));
      return Object.values(answer).every(Boolean) ? answer : null;
    },
    /** @param {any} answer */
    write(answer) {
      selects.forEach((sel, i) => {
        const value = own(answer, keys[i]);
        sel.value = typeof value === "string" ? value : "";
        if (sel.selectedIndex < 0) sel.value = "";
      });
    },
  };
}

/**
 * Per-item grading: note "k of n right." and a line per item (feedback_html for wrong ones).
 * @param {{ok: boolean, label: string, chosen: string, html?: string | null}[]} rows @returns {Grade}
 */
function gradeItems(rows) {
  const right = rows.filter((r) => r.ok).length;
  const lines = rows.map((r) => feedbackItem(r.ok, r.label, r.ok ? r.chosen : `you chose ${r.chosen}.`, r.ok ? null : r.html));
  return { correct: right === rows.length, note: `${right} of ${rows.length} right.`, body: [feedbackList(lines)] };
}

/* ------------------------------------------------------------ the 7 types */

/**
 * Shared by single, evidence (radios) and multiple (checkboxes).
 * @param {Exercise} ex @param {Ctx} ctx @param {boolean} many @param {string} hintText
 * @param {(o: Option) => Node} labelOf @param {Node[]} [lead]
 * @returns {View}
 */
function choiceView(ex, ctx, many, hintText, labelOf, lead = []) {
  const note = hint(hintText);
  const c = choices(many ? "checkbox" : "radio", ex.options, `${ctx.promptId} ${note.id}`, labelOf);
  return {
    nodes: [...lead, note, c.group],
    read() {
      const picked = c.selected();
      return !picked.length ? null : many ? picked : picked[0];
    },
    write: (answer) => c.select(many ? answer : [answer]),
    grade(answer) {
      if (!many) {
        const o = ex.options.find((x) => x.key === answer);
        return { correct: !!(o && o.correct), body: [o && o.feedback_html ? trusted("div", "sb-fb-text", o.feedback_html) : null] };
      }
      const wrong = ex.options.filter((o) => answer.includes(o.key) !== !!o.correct);
      const lines = wrong.map((o) =>
        feedbackItem(false, answer.includes(o.key) ? "You selected:" : "You missed:", trusted("span", "", o.html), o.feedback_html));
      const note = wrong.length ? `${wrong.length} ${wrong.length === 1 ? "option needs" : "options need"} another look.` : "";
      return { correct: !wrong.length, note, body: [feedbackList(lines)] };
    },
  };
}

/** @param {Option} o */
const optionLabel = (o) => trusted("span", "sb-choice-text", o.html);

/** @type {Record<string, (ex: Exercise, ctx: Ctx) => View>} */
const TYPES = {
  single: (ex, ctx) => choiceView(ex, ctx, false, "Choose one answer.", optionLabel),

  multiple: (ex, ctx) => choiceView(ex, ctx, true, "Select all that apply.", optionLabel),

  evidence(ex, ctx) {
    const verb = ex.stance === "undermines" ? "undermines" : "supports";
    const claim = h("div", { class: "sb-claim" }, h("p", { class: "sb-claim-label" }, "Claim"), trusted("div", "sb-claim-text", ex.claim_html));
    /** @param {Option} o */
    const label = (o) => (o.passage ? passageQuote(o.passage, false) : optionLabel(o));
    return choiceView(ex, ctx, false, `Which passage best ${verb} this claim?`, label, [claim]);
  },

  classify(ex) {
    const list = h("ol", { class: "sb-items" });
    /** @type {ClassifyItem[]} */
    const items = ex.items;
    const cats = ex.categories.map((c) => /** @type {[string, string]} */ ([c.key, c.label]));
    const selects = items.map((item, i) => {
      const id = uid();
      const sel = selectBox(id, cats);
      const answer = h("p", { class: "sb-item-answer" }, h("label", { for: id }, `Category for passage ${i + 1}`), " ", sel);
      list.append(h("li", { class: "sb-item", "data-key": item.key }, passageQuote(item.passage, true), answer));
      return sel;
    });
    /** @param {string} key */
    const catLabel = (key) => ex.categories.find((c) => c.key === key)?.label || key;
    return {
      nodes: [hint("Choose a category for each passage."), list],
      ...selectsView(items.map((it) => it.key), selects),
      grade: (answer) => gradeItems(items.map((it, i) => ({
        ok: answer[it.key] === it.answer, label: `Passage ${i + 1} (${it.passage.label}):`,
        chosen: catLabel(answer[it.key]), html: it.feedback_html,
      }))),
    };
  },

  match(ex) {
    const letter = (/** @type {number} */ i) => (i < 26 ? String.fromCharCode(65 + i) : String(i + 1));
    const rightText = ex.right.map((r) => textOf(r.html));
    const rights = h("ul", { class: "sb-match-right", "aria-label": "Lettered options" },
      ...ex.right.map((r, i) => h("li", { "data-key": r.key }, h("span", { class: "sb-letter" }, `${letter(i)}.`), " ", trusted("span", "", r.html))));
    const opts = ex.right.map((r, i) => /** @type {[string, string]} */ ([r.key, `${letter(i)}. ${clip(rightText[i], 80)}`]));
    const list = h("ol", { class: "sb-items sb-match-left" });
    const selects = ex.left.map((l) => {
      const id = uid();
      const sel = selectBox(id, opts);
      list.append(h("li", { class: "sb-item" }, h("label", { for: id }, trusted("span", "", l.html)), " ", sel));
      return sel;
    });
    /** @param {string} key */
    const chosen = (key) => {
      const i = ex.right.findIndex((r) => r.key === key);
      return i < 0 ? key : `${letter(i)} (${clip(rightText[i], 60)})`;
    };
    return {
      nodes: [hint("Match each item with one of the lettered options."), rights, list],
      ...selectsView(ex.left.map((l) => l.key), selects),
      grade: (answer) => gradeItems(ex.left.map((l) => ({
        ok: answer[l.key] === own(ex.answer, l.key), label: `${clip(textOf(l.html), 80)}:`,
        chosen: chosen(answer[l.key]), html: own(ex.feedback_html, l.key),
      }))),
    };
  },

  order(ex) {
    /** @type {Entry[]} */
    const items = ex.items;
    const list = h("ol", { class: "sb-order" });
    const live = h("div", { class: "sb-visually-hidden", "aria-live": "polite" });
    /** @type {Map<string, HTMLLIElement>} */
    const rows = new Map();
    const keys = () => [...list.children].map((li) => /** @type {HTMLElement} */ (li).dataset.key || "");
    // aria-disabled (not disabled) at the ends, so a focused button keeps focus.
    const refresh = () => [...list.children].forEach((li, i, all) => {
      const [up, down] = li.querySelectorAll("button");
      up.setAttribute("aria-disabled", String(i === 0));
      down.setAttribute("aria-disabled", String(i === all.length - 1));
    });
    /** @param {HTMLLIElement} li @param {-1 | 1} dir @param {string} text */
    const move = (li, dir, text) => {
      const other = dir < 0 ? li.previousElementSibling : li.nextElementSibling;
      if (!other) {
        live.textContent = `“${text}” is already at the ${dir < 0 ? "top" : "bottom"}.`;
        return;
      }
      // Move the neighbour, not the item itself, so the focused button never leaves the DOM.
      list.insertBefore(other, dir < 0 ? li.nextElementSibling : li);
      refresh();
      live.textContent = `Moved “${text}” to position ${keys().indexOf(li.dataset.key || "") + 1} of ${items.length}.`;
    };
    for (const item of items) {
      const text = clip(textOf(item.html), 80);
      const li = h("li", { class: "sb-order-item", "data-key": item.key }, trusted("span", "sb-order-text", item.html));
      const buttons = /** @type {const} */ ([[-1, "Move up", "↑ Up"], [1, "Move down", "↓ Down"]]).map(([dir, name, shown]) => {
        const b = h("button", { type: "button", class: "sb-move", "aria-label": `${name}: ${text}` }, shown);
        b.addEventListener("click", () => move(li, dir, text));
        return b;
      });
      li.append(h("span", { class: "sb-order-buttons" }, ...buttons));
      rows.set(item.key, li);
    }
    /** @param {any} answer */
    const isOrder = (answer) =>
      Array.isArray(answer) && answer.length === items.length && answer.every((k) => rows.has(k)) && new Set(answer).size === items.length;
    return {
      nodes: [hint("Put the items in order with the Move up and Move down buttons."), list, live],
      read: keys,
      write(answer) {
        for (const k of isOrder(answer) ? answer : items.map((i) => i.key)) list.append(/** @type {HTMLLIElement} */ (rows.get(k)));
        refresh();
      },
      grade(answer) {
        const right = answer.filter((/** @type {string} */ k, /** @type {number} */ i) => k === ex.answer[i]).length;
        return { correct: right === items.length, note: `${right} of ${items.length} in the right position.`, body: [] };
      },
    };
  },

  open(ex, ctx) {
    const id = uid();
    const box = h("textarea", { id, class: "sb-answer-text", rows: 6 });
    const rubric = choices("checkbox", ex.rubric, null, optionLabel);
    rubric.group.prepend(h("legend", {}, "Tick each point your answer covers. My answer…"));
    const save = h("button", { type: "button", class: "sb-save" }, "Save self-assessment");
    const savedNote = h("span", { class: "sb-saved" });
    const reveal = h("div", { class: "sb-reveal", hidden: true }, h("p", { class: "sb-reveal-label" }, "Model answer"),
      trusted("div", "sb-model-answer", ex.model_answer_html), rubric.group, h("div", { class: "sb-actions" }, save, savedNote));
    const n = ex.rubric.length;
    const snapshot = () => ({ text: box.value, revealed: !reveal.hidden, checked: rubric.selected() });
    /** @param {number} k */
    const saved = (k) => `Self-assessment saved: ${k} of ${n}`;
    /** @type {number | undefined} */
    let timer;
    const saveDraft = () => {
      clearTimeout(timer);
      const a = snapshot();
      if (a.text !== (ctx.result().answer_text || "")) ctx.commit({ answer: a, answer_text: a.text }, false);
    };
    box.addEventListener("input", () => { clearTimeout(timer); timer = window.setTimeout(saveDraft, 600); });
    box.addEventListener("change", saveDraft);
    save.addEventListener("click", () => {
      const a = snapshot();
      const k = a.checked.length;
      const first = ctx.result().self_score == null ? { first_try_correct: k === n } : {};
      ctx.commit({ answer: a, answer_text: a.text, correct: k === n, self_score: `${k}/${n}`, ...first }, false);
      ctx.show({ correct: k === n, verdict: saved(k), body: [] });
      savedNote.textContent = `Saved: ${k} of ${n}.`;
    });
    const compare = "Compare your answer with the model answer below, tick the points it covers, then save your self-assessment.";
    return {
      nodes: [h("label", { for: id, class: "sb-answer-label" }, "Your answer"), box],
      after: [reveal],
      empty: "Write your answer first.",
      read: () => (box.value.trim() ? { ...snapshot(), revealed: true } : null),
      write(answer) {
        box.value = typeof own(answer, "text") === "string" ? answer.text : "";
        rubric.select(own(answer, "checked"));
        reveal.hidden = !own(answer, "revealed");
        savedNote.textContent = "";
      },
      grade(answer, restored) {
        reveal.hidden = false;
        const k = answer.checked.length;
        const done = !!restored && restored.self_score != null;
        savedNote.textContent = done ? `Saved: ${k} of ${n}.` : "";
        const verdict = done ? saved(k) : "Model answer revealed";
        return { correct: k === n, verdict, body: done ? [] : [h("p", {}, compare)], extra: { answer_text: answer.text } };
      },
      destroy: () => clearTimeout(timer),
    };
  },
};

/* ------------------------------------------------------------------ driver */

/** @param {unknown} value @returns {Exercise | null} */
function parsePayload(value) {
  /** @type {any} */
  let ex = value;
  if (typeof ex === "string") try { ex = JSON.parse(ex); } catch { return null; }
  return ex && typeof ex === "object" && typeof ex.id === "string" && typeof ex.type === "string" ? ex : null;
}

/** @param {unknown} value @returns {Result} */
const asResult = (value) => (value && typeof value === "object" && !Array.isArray(value) ? value : {});

/** @param {Exercise} ex */
function header(ex) {
  const theses = (Array.isArray(ex.theses) ? ex.theses : []).map((t) => t && t.label).filter(Boolean);
  const parts = [
    h("span", { class: "sb-ex-kind" }, "Self-check"),
    h("span", { class: "sb-skill" }, `Skill: ${ex.skill_label || ex.skill || ""}`),
    theses.length ? h("span", { class: "sb-theses" }, `${theses.length > 1 ? "Theses" : "Thesis"}: ${theses.join("; ")}`) : null,
  ].filter(Boolean);
  const p = h("p", { class: "sb-ex-header", id: uid() });
  parts.forEach((part, i) => p.append(...(i ? [" ", h("span", { "aria-hidden": "true" }, "·"), " "] : []), /** @type {Node} */ (part)));
  return p;
}

/**
 * Render one exercise into el; returns its cleanup.
 * @param {Model} model @param {HTMLElement} el
 */
function mount(model, el) {
  const parsed = parsePayload(model.get("exercise"));
  const ex = parsed && arrange(parsed, model.get("seed"));
  const build = ex && own(TYPES, ex.type);
  const noscript = /** @type {HTMLElement | null} */ (el.querySelector(".sb-noscript"));
  const feedback = h("div", { class: "sb-feedback", role: "status", "aria-live": "polite" });
  const attempts = h("span", { class: "sb-attempts" });
  const promptId = uid();
  let result = asResult(model.get("result"));
  let writing = false;
  /** @type {View | null} */
  let view = null;
  el.classList.add("sb-exercise");
  el.setAttribute("data-wired", "1");

  /** @param {Result} patch @param {boolean} countAttempt */
  const commit = (patch, countAttempt) => {
    if (!ex) return;
    const tries = (Number(result.attempts) || 0) + (countAttempt ? 1 : 0);
    const firstTry = countAttempt && tries === 1;
    const first = firstTry ? !!patch.correct : !!result.first_try_correct;
    const { chapter, chapter_title, type, skill } = ex;
    // The first answer checked is kept, so the class report can tell which misreading a class fell for.
    const firstAnswer = firstTry && ex.type !== "open" ? { first_answer: patch.answer } : {};
    result = { ...result, chapter, chapter_title, type, skill, attempts: tries, correct: !!result.correct,
      first_try_correct: first, ...firstAnswer, ...patch, updated: new Date().toISOString() };
    writing = true; // our own change event is not an external update
    try { model.set("result", result); model.save_changes(); } finally { writing = false; }
    attempts.textContent = tries ? `Attempts: ${tries}` : "";
  };

  /** @param {Grade} g */
  const show = (g) => {
    const verdict = g.verdict || (g.correct ? "✓ Correct" : "✗ Not quite");
    const kind = g.verdict ? "info" : g.correct ? "correct" : "incorrect";
    feedback.replaceChildren(
      h("p", { class: "sb-verdict", "data-verdict": kind }, g.note ? `${verdict} — ${g.note}` : verdict),
      ...g.body.filter((n) => n != null),
      ex && ex.explanation_html ? trusted("div", "sb-explanation", ex.explanation_html) : "",
      (ex && readLine(ex.passages)) || "",
    );
  };

  /** @param {string} text */
  const status = (text) => feedback.replaceChildren(h("p", { class: "sb-verdict", "data-verdict": "info" }, text));

  try { view = ex && build ? build(ex, { promptId, result: () => result, commit, show }) : null; } catch { view = null; }
  if (!ex || !view) {
    const msg = h("p", { class: "sb-ex-error" }, "This exercise could not be displayed.");
    el.append(msg);
    return () => msg.remove();
  }
  const v = view;
  el.setAttribute("data-exercise-id", ex.id);
  el.setAttribute("data-exercise-type", ex.type);
  if (noscript) noscript.hidden = true;

  const check = h("button", { type: "button", class: "sb-check" }, ex.type === "open" ? "Reveal model answer" : "Check");
  const head = header(ex);
  const prompt = trusted("div", "sb-prompt", ex.prompt_html);
  prompt.id = promptId;
  const body = h("div", { class: "sb-ex-body", role: "group", "aria-labelledby": head.id }, head, prompt, ...v.nodes,
    h("div", { class: "sb-actions" }, check, attempts), feedback, ...(v.after || []));
  // In JupyterLab and Notebook 7, keys pressed in a control stay with it (arrows, letters, "d d"): the
  // notebook's shortcuts skip an event whose target carries this attribute (on the root it is not enough).
  body.querySelectorAll("input, select, textarea, button").forEach((c) => c.setAttribute("data-lm-suppress-shortcuts", "true"));

  check.addEventListener("click", () => {
    const answer = v.read();
    if (answer == null) return status(v.empty || "Choose an answer first.");
    const g = v.grade(answer, null);
    commit({ answer, correct: g.correct, ...g.extra }, true);
    show(g);
  });

  /** Show the model's stored result: restore the answer and, if checked before, its feedback. */
  const sync = () => {
    result = asResult(model.get("result"));
    v.write(result.answer);
    const tries = Number(result.attempts) || 0;
    attempts.textContent = tries ? `Attempts: ${tries}` : "";
    const answer = result.answer == null ? null : v.read();
    if (answer != null && tries > 0) show(v.grade(answer, result));
    else feedback.replaceChildren();
  };
  const onChange = () => void (writing || sync());
  sync(); // before attaching, so restored feedback is not announced on page load
  el.append(body);
  model.on("change:result", onChange);

  return () => {
    model.off("change:result", onChange);
    if (v.destroy) v.destroy();
    body.remove();
    if (noscript) noscript.hidden = false;
    el.removeAttribute("data-wired");
  };
}

/** anywidget's render, also used for pages; re-renders if the payload changes. @param {{model: Model, el: HTMLElement}} ctx */
function render({ model, el }) {
  let cleanup = mount(model, el);
  const rerender = () => { cleanup(); cleanup = mount(model, el); };
  model.on("change:exercise", rerender);
  return () => {
    model.off("change:exercise", rerender);
    cleanup();
  };
}

/**
 * Wire every unwired exercise in a page (idempotent), one per task in page order: the first accepts
 * input sooner, and the page stays responsive while the others are wired.
 * @param {ParentNode} [root]
 */
export function wireAll(root = document) {
  const pending = [...root.querySelectorAll("div.sb-exercise:not([data-wired])")];
  const next = () => {
    const div = /** @type {HTMLElement | undefined} */ (pending.shift());
    if (!div) return;
    const data = div.hasAttribute("data-wired") ? null : div.querySelector("script.sb-exercise-data");
    const ex = data && parsePayload(data.textContent);
    if (ex) render({ model: pageModel(ex), el: div });
    if (pending.length) setTimeout(next, 0);
  };
  next();
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => wireAll());
  else wireAll();
}

export default { render };
