// @ts-check
/**
 * The student's notes and essay plans in this browser: one localStorage key (the layout the work
 * file reads and writes), always read fresh; plus what the notes pages share (citations, the quote
 * match, the page data block, a DOM helper). Student text is only ever set as text.
 */

/**
 * @typedef {{paragraph: string, quote?: string, text: string, tags: string[], created: string,
 *   updated: string, deleted?: boolean, detached?: boolean}} Note
 * @typedef {{thesis: string, for: string[], against: string[], updated: string}} Plan
 * @typedef {{format: "sourcebook-notes", version: 1, notes: Record<string, Note>, plans: Record<string, Plan>}} Store
 * @typedef {{label: string, href: string, paragraphs: number}} SourceInfo
 * @typedef {{id: string, label: string}} Term
 * @typedef {{theses: Term[], skills: Term[], sources: Record<string, SourceInfo>, id?: string, title?: string}} PageData
 */

export const NOTES_KEY = "sourcebook-notes-v1";
const PID = /^([a-z0-9-]+):p(\d+)$/;

/** @returns {Store} */
const empty = () => ({ format: "sourcebook-notes", version: 1, notes: {}, plans: {} });

const isObject = (/** @type {any} */ v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** The stored notes and plans (an empty store when there are none or the entry is unreadable). @returns {Store} */
export function readStore() {
  try {
    const data = JSON.parse(window.localStorage.getItem(NOTES_KEY) || "null");
    if (isObject(data) && data.format === "sourcebook-notes" && isObject(data.notes) && isObject(data.plans)) {
      return { ...empty(), notes: data.notes, plans: data.plans };
    }
  } catch {
    /* unreadable: start empty */
  }
  return empty();
}

/** Read, change and write back in one step, so a change made in another tab is not lost. @param {(store: Store) => void} change */
export function updateStore(change) {
  const store = readStore();
  change(store);
  window.localStorage.setItem(NOTES_KEY, JSON.stringify(store));
  return store;
}

/** Call `refresh` when another tab (or a restore) changes the notes, or the page comes back from the cache. @param {() => void} refresh */
export function onStoreChange(refresh) {
  window.addEventListener("storage", (event) => void ((event.key === NOTES_KEY || event.key === null) && refresh()));
  window.addEventListener("pageshow", (event) => void (event.persisted && refresh()));
}

export const now = () => new Date().toISOString();

/** "n" and 12 random hex digits. */
export function newNoteId() {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return "n" + [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The notes that are not deleted, as [id, note] pairs, oldest first. @param {Store} store @returns {[string, Note][]} */
export function liveNotes(store) {
  return Object.entries(store.notes)
    .filter(([, n]) => isObject(n) && !n.deleted && typeof n.paragraph === "string")
    .sort(([, a], [, b]) => String(a.created).localeCompare(String(b.created)));
}

/**
 * Where a paragraph is: its citation ("Stronski 2018 ¶7") and link, or the bare id for an unknown one.
 * @param {string} pid @param {Record<string, SourceInfo>} sources
 */
export function citation(pid, sources) {
  const match = PID.exec(pid);
  const source = match && Object.prototype.hasOwnProperty.call(sources, match[1]) ? sources[match[1]] : null;
  if (!match || !source) return { label: pid, href: null, source: match ? match[1] : "" };
  return { label: `${source.label} ¶${match[2]}`, href: `${source.href}#${match[1]}-p${match[2]}`, source: match[1] };
}

const QUOTE_MARKS = /** @type {Record<string, string>} */ ({ "‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"' });

/**
 * Where `quote` is in `text`, compared as the build's quote check compares (typographic quotes made
 * plain, whitespace collapsed): [start, end] offsets in `text`, or null.
 * @param {string} text @param {string} quote @returns {[number, number] | null}
 */
export function locate(text, quote) {
  const plain = (/** @type {string} */ s) => s.replace(/[‘’‚‛“”„‟]/g, (c) => QUOTE_MARKS[c]);
  let norm = "";
  /** @type {number[]} */
  const at = [];
  for (let i = 0; i < text.length; i++) {
    const space = /\s/.test(text[i]);
    if (space && (norm === "" || norm.endsWith(" "))) continue;
    norm += space ? " " : plain(text[i]);
    at.push(i);
  }
  const wanted = plain(quote).replace(/\s+/g, " ").trim();
  const found = wanted ? norm.indexOf(wanted) : -1;
  return found < 0 ? null : [at[found], at[found + wanted.length - 1] + 1];
}

/** The JSON data block of a notes widget. @param {Element} root @param {string} cls @returns {PageData} */
export function pageData(root, cls) {
  try {
    const data = JSON.parse(root.querySelector(`:scope > script.${cls}`)?.textContent || "{}");
    return { theses: data.theses || [], skills: data.skills || [], sources: data.sources || {}, id: data.id, title: data.title };
  } catch {
    return { theses: [], skills: [], sources: {} };
  }
}

/** A tag's label: a thesis's or skill's name, or the student's own word. @param {string} tag @param {PageData} data */
export function tagLabel(tag, data) {
  const term = [...data.theses, ...data.skills].find((t) => t.id === tag);
  return term ? term.label : tag;
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag @param {Record<string, string>} [attrs] @param {...(Node | string)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** `text` cut at a word to at most `n` characters, the cut marked "…". @param {string} text @param {number} n */
export const short = (text, n) => (text.length <= n ? text : text.slice(0, n).replace(/\s+\S*$/, "") + " …");

let counter = 0;
/** A fresh element id. @param {string} prefix */
export const uid = (prefix) => `${prefix}-${++counter}`;

/** Run `start` once the document is parsed. @param {() => void} start */
export function whenReady(start) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
