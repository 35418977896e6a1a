// @ts-check
/**
 * My notes: every note in this browser, grouped by thesis, source or tag, searched and filtered, each
 * with its words and a link to its paragraph; one thesis side by side by source; detached notes apart.
 * Reads `<div class="sb-mynotes"><script type="application/json" class="sb-mynotes-data">`.
 */
import { readStore, onStoreChange, liveNotes, citation, pageData, tagLabel, h, uid, whenReady, short } from "./notes-store.js";

/** @typedef {import("./notes-store.js").Note} Note @typedef {import("./notes-store.js").PageData} PageData */
/** @typedef {{id: string, note: Note, cite: {label: string, href: string | null, source: string}, haystack: string}} Entry */

const CLIP = 300;  // a longer quotation is cut at a word

/** Is the note's paragraph one the book has? @param {Entry} e @param {PageData} data */
const placed = (e, data) => {
  const source = data.sources[e.cite.source];
  return Boolean(e.cite.href && source && Number(e.note.paragraph.split(":p")[1]) <= source.paragraphs);
};

/** One note: its words, the student's text, tags and the citation link. @param {Entry} e @param {PageData} data */
function noteItem(e, data) {
  const { note, cite } = e;
  const li = h("li", { class: "sb-mynote", "data-note": e.id });
  li.append(h("p", { class: "sb-mynote-quote" }, note.quote ? `“${short(String(note.quote), CLIP)}”` : "The whole paragraph", " (",
    cite.href ? h("a", { href: cite.href, class: "sb-mynote-cite" }, cite.label) : cite.label, ")"));
  if (note.text) li.append(h("p", { class: "sb-mynote-text" }, String(note.text)));
  if (Array.isArray(note.tags) && note.tags.length) {
    li.append(h("p", { class: "sb-mynote-tags" }, "Tags: " + note.tags.map((t) => tagLabel(String(t), data)).join(", ")));
  }
  return li;
}

/** Sections of notes under headings. @param {[string, Entry[]][]} groups @param {PageData} data */
function sections(groups, data) {
  return groups.filter(([, list]) => list.length).map(([title, list]) =>
    h("section", { class: "sb-mynotes-group" }, h("h3", {}, `${title} (${list.length})`),
      h("ul", { class: "sb-mynotes-list" }, ...list.map((e) => noteItem(e, data)))));
}

/** The groups for one way of grouping, in the course's order. @param {Entry[]} entries @param {string} by @param {PageData} data @returns {[string, Entry[]][]} */
function grouped(entries, by, data) {
  if (by === "source") {
    const ids = [...Object.keys(data.sources), ...new Set(entries.map((e) => e.cite.source))];
    return [...new Set(ids)].map((sid) => [data.sources[sid]?.label || sid, entries.filter((e) => e.cite.source === sid)]);
  }
  const tagsOf = (/** @type {Entry} */ e) => (Array.isArray(e.note.tags) ? e.note.tags.map(String) : []);
  const vocabulary = by === "thesis" ? data.theses.map((t) => t.id) : [...data.theses, ...data.skills].map((t) => t.id);
  const own = by === "tag" ? [...new Set(entries.flatMap(tagsOf))].filter((t) => !vocabulary.includes(t)).sort() : [];
  /** @type {[string, Entry[]][]} */
  const groups = [...vocabulary, ...own].map((tag) => [tagLabel(tag, data), entries.filter((e) => tagsOf(e).includes(tag))]);
  const none = entries.filter((e) => !tagsOf(e).some((t) => by === "tag" || vocabulary.includes(t)));
  groups.push([by === "thesis" ? "No thesis" : "No tags", none]);
  return groups;
}

/** One thesis, side by side: a column per source, the student's notes in the cells. @param {Entry[]} entries @param {string} thesis @param {PageData} data */
function grid(entries, thesis, data) {
  const sources = Object.keys(data.sources);
  const on = entries.filter((e) => Array.isArray(e.note.tags) && e.note.tags.includes(thesis));
  const cells = sources.map((sid) => {
    const mine = on.filter((e) => e.cite.source === sid);
    return h("td", {}, mine.length ? h("ul", { class: "sb-mynotes-list" }, ...mine.map((e) => noteItem(e, data))) : "No note yet.");
  });
  const table = h("table", { class: "sb-mynotes-grid" },
    h("caption", {}, `Your notes tagged ${tagLabel(thesis, data)}, by source`),
    h("thead", {}, h("tr", {}, ...sources.map((sid) => h("th", { scope: "col" }, data.sources[sid].label)))),
    h("tbody", {}, h("tr", {}, ...cells)));
  return h("div", { class: "sb-mynotes-scroll", role: "region", tabindex: "0", "aria-label": "Side by side, scrolls sideways" }, table);
}

/** @param {string} text @param {string} id @param {HTMLElement} control */
const field = (text, id, control) => h("div", { class: "sb-mynotes-field" }, h("label", { for: id }, text), control);

/** @param {string} id @param {[string, string][]} options */
function select(id, options) {
  return h("select", { id }, ...options.map(([value, text]) => h("option", { value }, text)));
}

/** Render My notes into one `.sb-mynotes` element. @param {HTMLElement} root */
export function renderMyNotes(root) {
  if (root.hasAttribute("data-wired")) return;
  root.setAttribute("data-wired", "1");
  root.querySelectorAll(".sb-noscript").forEach((el) => el.setAttribute("hidden", ""));
  const data = pageData(root, "sb-mynotes-data");
  const [qid, gid, fid, tid] = ["sb-mynotes-q", "sb-mynotes-by", "sb-mynotes-tag", "sb-mynotes-thesis"].map(uid);
  const search = h("input", { type: "search", id: qid, class: "sb-mynotes-search" });
  const by = select(gid, [["thesis", "Thesis"], ["source", "Source"], ["tag", "Tag"]]);
  const filter = select(fid, []);
  const thesis = select(tid, data.theses.map((t) => [t.id, t.label]));
  const status = h("p", { class: "sb-mynotes-status", role: "status", "aria-live": "polite" });
  const groups = h("div", { class: "sb-mynotes-groups" });
  const side = h("div", { class: "sb-mynotes-side" });
  const detached = h("div", { class: "sb-mynotes-detached" });

  const refresh = () => {
    /** @type {Entry[]} */
    const all = liveNotes(readStore()).map(([id, note]) => {
      const cite = citation(note.paragraph, data.sources);
      const tags = Array.isArray(note.tags) ? note.tags.map((t) => `${t} ${tagLabel(String(t), data)}`) : [];
      return { id, note, cite, haystack: [note.text, note.quote, cite.label, ...tags].join(" ").toLowerCase() };
    });
    const present = [...new Set(all.flatMap((e) => (Array.isArray(e.note.tags) ? e.note.tags.map(String) : [])))];
    const chosen = filter.value;
    filter.replaceChildren(h("option", { value: "" }, "All tags"), ...present.map((t) => h("option", { value: t }, tagLabel(t, data))));
    filter.value = present.includes(chosen) ? chosen : "";
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const shown = all.filter((e) => words.every((w) => e.haystack.includes(w)) && (!filter.value || (Array.isArray(e.note.tags) && e.note.tags.includes(filter.value))));
    const apart = shown.filter((e) => e.note.detached || !placed(e, data));
    const attached = shown.filter((e) => !apart.includes(e));
    groups.replaceChildren(...sections(grouped(attached, by.value, data), data));
    side.replaceChildren(grid(attached, thesis.value, data));
    detached.replaceChildren(apart.length
      ? h("ul", { class: "sb-mynotes-list" }, ...apart.map((e) => noteItem(e, data)))
      : h("p", {}, "None: every note's words are still in their paragraph."));
    status.textContent = all.length
      ? `${shown.length} of ${all.length} notes shown${apart.length ? `, ${apart.length} detached` : ""}.`
      : "You have no notes yet. Add one from any paragraph of a source text.";
  };
  for (const control of [search, by, filter, thesis]) control.addEventListener("input", refresh);
  onStoreChange(refresh);
  root.append(
    h("div", { class: "sb-mynotes-controls" }, field("Search your notes", qid, search), field("Group by", gid, by),
      field("Show notes tagged", fid, filter)),
    status,
    h("h2", {}, "Your notes"), groups,
    h("h2", {}, "One thesis, side by side"), field("Thesis", tid, thesis), side,
    h("h2", {}, "Detached notes"),
    h("p", {}, "A note is detached when the words it marks are no longer in its paragraph (the text was corrected in a new edition). It is kept as you wrote it, never moved."),
    detached);
  refresh();
}

whenReady(() => document.querySelectorAll(".sb-mynotes").forEach((el) => renderMyNotes(/** @type {HTMLElement} */ (el))));
