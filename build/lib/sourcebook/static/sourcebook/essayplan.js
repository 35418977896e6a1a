// @ts-check
/**
 * An essay plan under each synthesis prompt: a thesis sentence and the student's notes as evidence for
 * and against, in an order they set with Move up / Move down; "Export as Markdown" writes it with each
 * quotation verbatim (the note's words, or its whole paragraph) and cited ("Stronski 2018 ¶7").
 * Reads `<div class="sb-essay-plan"><script type="application/json" class="sb-essay-plan-data">`.
 */
import { readStore, updateStore, onStoreChange, liveNotes, citation, pageData, now, h, uid, whenReady, short } from "./notes-store.js";

/** @typedef {import("./notes-store.js").Note} Note @typedef {import("./notes-store.js").Plan} Plan */
/** @typedef {"for" | "against"} Side */

const SIDES = /** @type {const} */ ([["for", "Evidence for"], ["against", "Evidence against"]]);

/** The plan stored for a prompt, or an empty one. @param {string} id @returns {Plan} */
function planOf(id) {
  const plan = readStore().plans[id];
  const ids = (/** @type {any} */ v) => (Array.isArray(v) ? v.filter((x) => typeof x === "string") : []);
  return plan ? { thesis: String(plan.thesis || ""), for: ids(plan.for), against: ids(plan.against), updated: plan.updated }
    : { thesis: "", for: [], against: [], updated: now() };
}

/** Change a prompt's plan and store it with a new `updated`. @param {string} id @param {(plan: Plan) => void} change */
function changePlan(id, change) {
  updateStore((store) => {
    const plan = planOf(id);
    change(plan);
    store.plans[id] = { thesis: plan.thesis, for: plan.for, against: plan.against, updated: now() };
  });
}

/** The text of a paragraph, read from its page (same host), for a note that marks no words. @param {string} href */
async function paragraphText(href) {
  try {
    const url = new URL(href, document.baseURI);
    const page = new DOMParser().parseFromString(await (await fetch(url.href.split("#")[0])).text(), "text/html");
    const p = page.getElementById(url.hash.slice(1));
    if (!p) return null;
    return [...p.childNodes].filter((n) => !(n instanceof Element && n.classList.contains("sb-pnum")))
      .map((n) => n.textContent).join("").trim();
  } catch {
    return null;
  }
}

/** The plan as Markdown. @param {string} title @param {Plan} plan @param {import("./notes-store.js").PageData} data */
async function planMarkdown(title, plan, data) {
  const store = readStore();
  const lines = [`# Essay plan: ${title}`, "", `**Thesis.** ${plan.thesis.trim() || "(not written yet)"}`];
  for (const [side, heading] of SIDES) {
    lines.push("", `## ${heading}`, "");
    const notes = plan[side].map((id) => store.notes[id]).filter((n) => n && !n.deleted);
    if (!notes.length) lines.push("(none yet)");
    for (const [i, note] of notes.entries()) {
      const cite = citation(note.paragraph, data.sources);
      const quote = note.quote || (cite.href && (await paragraphText(cite.href)));
      lines.push(`${i + 1}. ${quote ? `“${quote}”` : "(the whole paragraph)"} (${cite.label})`);
      if (note.text) lines.push("", ...String(note.text).split(/\r?\n/).map((l) => (l ? `   ${l}` : "")));
      lines.push("");
    }
  }
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

/** Bring one prompt's plan to life. @param {HTMLElement} root */
export function renderPlan(root) {
  if (root.hasAttribute("data-wired")) return;
  root.setAttribute("data-wired", "1");
  root.querySelectorAll(".sb-noscript").forEach((el) => el.setAttribute("hidden", ""));
  const data = pageData(root, "sb-essay-plan-data");
  const planId = String(data.id);
  const title = String(data.title || planId);
  const [tid, cid, mid] = ["sb-essay-thesis", "sb-essay-choose", "sb-essay-md"].map(uid);
  const thesis = h("textarea", { id: tid, class: "sb-essay-thesis", rows: "2" });
  const choose = h("select", { id: cid, class: "sb-essay-choose" });
  const live = h("p", { class: "sb-visually-hidden", role: "status", "aria-live": "polite" });
  const lists = Object.fromEntries(SIDES.map(([side, heading]) => [side, h("ol", { class: "sb-essay-list", "aria-label": heading })]));
  const markdown = h("textarea", { id: mid, class: "sb-essay-markdown", rows: "12", readonly: "" });
  const output = h("div", { class: "sb-essay-output", hidden: "" }, h("label", { for: mid }, "Your essay plan in Markdown (copy it into your word processor)"), markdown);

  /** @param {Side} side @param {string} id @param {number} i @param {number} count @param {Note | undefined} note */
  const row = (side, id, i, count, note) => {
    const cite = note ? citation(note.paragraph, data.sources).label : "";
    const what = note ? `${cite}: “${short(String(note.quote || "the whole paragraph"), 90)}”` : "A note you deleted";
    const li = h("li", { class: "sb-essay-item", "data-note": id }, h("span", { class: "sb-essay-text" }, what));
    /** @type {[string, string, (list: string[]) => void][]} */
    const actions = [
      ["Move up", "↑ Up", (list) => void (i > 0 && list.splice(i - 1, 2, list[i], list[i - 1]))],
      ["Move down", "↓ Down", (list) => void (i < count - 1 && list.splice(i, 2, list[i + 1], list[i]))],
      ["Remove", "Remove", (list) => void list.splice(i, 1)],
    ];
    const buttons = actions.map(([name, shown, act]) => {
      const b = h("button", { type: "button", class: "sb-essay-move", "aria-label": `${name}: ${cite || what}` }, shown);
      if ((name === "Move up" && i === 0) || (name === "Move down" && i === count - 1)) b.setAttribute("aria-disabled", "true");
      b.addEventListener("click", () => {
        if (b.getAttribute("aria-disabled") === "true") {
          live.textContent = `${cite} is already at the ${name === "Move up" ? "top" : "bottom"}.`;
          return;
        }
        changePlan(planId, (plan) => act(plan[side]));
        refresh();
        const at = name === "Remove" ? null : planOf(planId)[side].indexOf(id);
        const again = at === null ? null : lists[side].children[at]?.querySelector(`button[aria-label^="${name}"]`);
        /** @type {HTMLElement} */ (again || choose).focus();
        live.textContent = name === "Remove" ? `Removed ${cite}.` : `Moved ${cite} to position ${(at ?? 0) + 1} of ${count}.`;
      });
      return b;
    });
    li.append(h("span", { class: "sb-essay-buttons" }, ...buttons));
    return li;
  };

  const refresh = () => {
    const plan = planOf(planId);
    const store = readStore();
    if (document.activeElement !== thesis) thesis.value = plan.thesis;
    const chosen = choose.value;
    const notes = liveNotes(store);
    choose.replaceChildren(...(notes.length ? notes.map(([id, note]) => h("option", { value: id },
      `${citation(note.paragraph, data.sources).label}: ${short(String(note.quote || "the whole paragraph"), 60)}${note.text ? ` (${short(String(note.text), 40)})` : ""}`))
      : [h("option", { value: "" }, "No notes yet: add them on the source texts")]));
    if (notes.some(([id]) => id === chosen)) choose.value = chosen;
    for (const [side] of SIDES) {
      const ids = plan[side];
      lists[side].replaceChildren(...ids.map((id, i) => row(side, id, i, ids.length, store.notes[id]?.deleted ? undefined : store.notes[id])));
    }
  };

  const adders = SIDES.map(([side, heading]) => {
    const b = h("button", { type: "button", class: "sb-essay-add" }, `Add to ${heading.toLowerCase()}`);
    b.addEventListener("click", () => {
      const id = choose.value;
      if (!id) return void (live.textContent = "Add notes on the source texts first.");
      if (planOf(planId)[side].includes(id)) return void (live.textContent = "That note is already in this list.");
      changePlan(planId, (plan) => {
        plan[side].push(id);
        const other = side === "for" ? plan.against : plan.for;
        if (other.includes(id)) other.splice(other.indexOf(id), 1);
      });
      refresh();
      live.textContent = `Added to ${heading.toLowerCase()}.`;
    });
    return b;
  });
  const exporter = h("button", { type: "button", class: "sb-essay-export" }, "Export as Markdown");
  exporter.addEventListener("click", async () => {
    markdown.value = await planMarkdown(title, planOf(planId), data);
    output.hidden = false;
    markdown.focus();
    markdown.select();
    live.textContent = "Your plan is in the box below, selected: copy it.";
  });
  thesis.addEventListener("input", () => changePlan(planId, (plan) => void (plan.thesis = thesis.value)));
  onStoreChange(refresh);
  root.append(h("details", { class: "sb-essay" }, h("summary", {}, "Plan an essay on this prompt"),
    h("label", { for: tid }, "Your thesis sentence"), thesis,
    h("div", { class: "sb-essay-pick" }, h("label", { for: cid }, "Choose one of your notes"), choose, ...adders),
    ...SIDES.map(([side, heading]) => h("div", { class: "sb-essay-side" }, h("p", { class: "sb-essay-heading" }, heading), lists[side])),
    exporter, output, live));
  refresh();
}

whenReady(() => document.querySelectorAll(".sb-essay-plan").forEach((el) => renderPlan(/** @type {HTMLElement} */ (el))));
