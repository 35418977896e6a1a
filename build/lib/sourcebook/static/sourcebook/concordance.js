// @ts-check
/**
 * Keyword in context across the five sources, in the static page (no kernel, no network).
 * Matches are case-insensitive and start at a word boundary, like sourcebook.concordance.kwic.
 */

/** @typedef {{id: string, label: string, href: string | null}} Source */
/** @typedef {{id: string, source: string, n: number, anchor: string, text: string}} Para */

const WIDTH = 60;

/** @param {string} tag @param {string} [cls] @param {string} [text] */
function make(tag, cls, text) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** @param {string} term */
function patternFor(term) {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}`, "giu");
}

/**
 * @param {HTMLElement} root
 * @param {{sources: Source[], paragraphs: Para[]}} data
 */
function wire(root, data) {
  root.setAttribute("data-wired", "1");
  root.querySelector(".sb-noscript")?.remove();
  const id = `sb-kwic-${Math.random().toString(36).slice(2, 8)}`;
  const label = make("label", "", "Search the five sources for a word or phrase");
  label.setAttribute("for", id);
  const input = /** @type {HTMLInputElement} */ (make("input"));
  Object.assign(input, { type: "search", id, autocomplete: "off", spellcheck: false });
  input.setAttribute("aria-describedby", `${id}-summary`);
  const summary = make("p", "sb-kwic-summary");
  summary.id = `${id}-summary`;
  summary.setAttribute("role", "status");
  summary.setAttribute("aria-live", "polite");
  const counts = make("table", "sb-kwic-counts sb-data-table");
  const columns = make("div", "sb-kwic-columns");
  root.append(label, input, summary, counts, columns);

  const render = () => {
    const term = input.value.trim();
    columns.replaceChildren();
    counts.replaceChildren();
    if (term.length < 2) {
      summary.textContent = "Type at least two letters.";
      return;
    }
    const pattern = patternFor(term);
    /** @type {Map<string, HTMLElement[]>} */
    const hits = new Map(data.sources.map((s) => [s.id, []]));
    for (const para of data.paragraphs) {
      for (const match of para.text.matchAll(pattern)) {
        const start = match.index ?? 0;
        const end = start + match[0].length;
        const source = data.sources.find((s) => s.id === para.source);
        const item = make("li");
        item.append(
          (start > WIDTH ? "…" : "") + para.text.slice(Math.max(0, start - WIDTH), start),
          make("mark", "", match[0]),
          para.text.slice(end, end + WIDTH) + (end + WIDTH < para.text.length ? "…" : ""), " ");
        const cite = source?.href !== null && source?.href !== undefined
          ? Object.assign(make("a", "sb-cite", `¶${para.n}`), { href: `${source.href}#${para.anchor}` })
          : make("span", "", `¶${para.n}`);
        item.append("(", cite, ")");
        hits.get(para.source)?.push(item);
      }
    }
    const head = make("tr");
    head.append(make("th", "", "Source"), make("th", "", `Occurrences of “${term}”`));
    const body = make("tbody");
    let total = 0;
    let using = 0;
    for (const source of data.sources) {
      const items = hits.get(source.id) ?? [];
      total += items.length;
      if (items.length) using += 1;
      const row = make("tr");
      row.setAttribute("data-source", source.id);
      row.append(make("th", "", source.label), make("td", "sb-kwic-count", String(items.length)));
      body.append(row);
      const column = make("section", "sb-kwic-column");
      column.setAttribute("data-source", source.id);
      column.append(make("h3", "", `${source.label} (${items.length})`));
      if (items.length) {
        const list = make("ol");
        list.append(...items);
        column.append(list);
      } else {
        column.append(make("p", "", "No occurrences."));
      }
      columns.append(column);
    }
    const thead = make("thead");
    thead.append(head);
    counts.append(make("caption", "", "Occurrences per source"), thead, body);
    summary.textContent = `${total} occurrence${total === 1 ? "" : "s"} of “${term}” in ${using} of ${data.sources.length} sources.`;
  };
  let timer = 0;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(render, 120);
  });
  const initial = new URLSearchParams(window.location.search).get("term");
  if (initial) input.value = initial;
  render();
}

for (const root of document.querySelectorAll(".sb-concordance:not([data-wired])")) {
  const script = root.querySelector("script.sb-concordance-data");
  if (script) wire(/** @type {HTMLElement} */ (root), JSON.parse(script.textContent || "{}"));
}
