// @ts-check
/**
 * Draw each course chart when it comes into view. The vega bundle (vendored from
 * vl-convert-python, served beside this file) is loaded only then, so pages load fast and a
 * chart nobody scrolls to costs nothing. The spec is inlined in the page: nothing else is fetched.
 * Each chart has a wide layout and a narrow one (for phones); the one that fits the column is drawn,
 * and drawn again when the column grows or shrinks past the wide one's width. In dark mode a chart is
 * drawn in vega's dark theme, the colours the specs fix (the map's land and borders) swapped for dark
 * ones, and drawn again when the page changes mode.
 */
import { t } from "./exercise.js";

/** The specs' own light colours and the dark ones drawn in their place. @type {Record<string, string>} */
const DARK_COLOURS = { "#e8e8e3": "#454b54", "#ffffff": "#2b2f36", "#1a1a1a": "#e8e8e8", "#333333": "#d8d8d8" };
/** Vega's dark theme on the page's own dark ground. */
const DARK = { theme: "dark", config: { background: "#2b2f36" } };

const isDark = () => document.documentElement.dataset.theme === "dark";
/** A screen without hover (a phone): a tap shows what a mark's tooltip says, with its link, under the chart. */
const TAP = window.matchMedia("(hover: none)").matches;

/** A spec whose marks link nowhere (a tap shows them instead). @param {any} value @returns {any} */
function withoutLinks(value) {
  if (Array.isArray(value)) return value.map(withoutLinks);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => k !== "href" || !(v && typeof v === "object" && "field" in v)).map(([k, v]) => [k, k === "datasets" ? v : withoutLinks(v)]));
}

/** Under the chart: what the tapped mark's tooltip says, and a link to its paragraph. @param {HTMLElement} view @param {any} item */
function showTapped(view, item) {
  const tip = item && item.tooltip;
  if (!tip || typeof tip !== "object") return;
  let out = view.nextElementSibling;
  if (!out || !out.classList.contains("sb-chart-tapped")) {
    out = document.createElement("p");
    out.className = "sb-chart-tapped";
    out.setAttribute("role", "status");
    view.after(out);
  }
  out.textContent = Object.entries(tip).map(([k, v]) => `${k}: ${v}`).join("; ");
  const href = item.datum && typeof item.datum.href === "string" ? item.datum.href : "";
  if (/^(\.|#|[\w/-]+\.html)/.test(href)) {
    const link = document.createElement("a");
    link.href = href;
    link.textContent = t("Read the paragraph");
    out.append(" ", link);
  }
}

/** A spec with its fixed colours swapped for dark ones. @param {any} value @returns {any} */
function darkened(value) {
  if (typeof value === "string") return DARK_COLOURS[value.toLowerCase()] || value;
  if (Array.isArray(value)) return value.map(darkened);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "datasets" ? v : darkened(v)]));
  return value;
}

/** @type {Promise<any> | null} */
let vega = null;

/**
 * Load the bundle with a classic script element (a dynamic import does not run on `file://`);
 * its folder is found from the page's content root, which Sphinx writes on `<html>`.
 * @param {HTMLElement} figure
 */
function loadVega(figure) {
  if (!vega) {
    const root = document.documentElement.dataset.content_root || "";
    const script = document.createElement("script");
    script.src = new URL(`${root}_static/sourcebook/vendor/${figure.dataset.vega}`, document.baseURI).href;
    vega = new Promise((resolve, reject) => {
      script.onload = () => resolve(/** @type {any} */ (window).vegaEmbed);
      script.onerror = () => reject(new Error("the chart library did not load"));
    });
    document.head.append(script);
  }
  return vega;
}

/** The layout that fits the figure's column now. @param {HTMLElement} figure @param {HTMLElement} view */
function layoutFor(figure, view) {
  const style = getComputedStyle(view);
  const room = view.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return room >= Number(figure.dataset.wideWidth) ? "wide" : "narrow";
}

/** @param {HTMLElement} figure */
async function draw(figure) {
  const view = /** @type {HTMLElement} */ (figure.querySelector(".sb-chart-view"));
  const spec = figure.querySelector("script.sb-chart-spec");
  if (!view || !spec) return;
  const layout = layoutFor(figure, view);
  const mode = isDark() ? "dark" : "light";
  if (view.dataset.layout === layout && view.dataset.mode === mode) return;
  view.dataset.layout = layout;
  view.dataset.mode = mode;
  view.dataset.drawn = "pending";
  try {
    const embed = await loadVega(figure);
    const specs = JSON.parse(spec.textContent || "{}");
    const whole = { datasets: specs.wide.datasets, ...specs[layout] };
    const chosen = TAP ? withoutLinks(whole) : whole;
    const options = { actions: false, renderer: "svg" };
    const result = await (mode === "dark" ? embed(view, darkened(chosen), { ...options, ...DARK }) : embed(view, chosen, options));
    if (TAP) result.view.addEventListener("click", (/** @type {any} */ _event, /** @type {any} */ item) => showTapped(view, item));
    view.dataset.drawn = "1";
  } catch (err) {
    view.dataset.drawn = "error";
    view.textContent = t("This chart could not be drawn ({reason}); its description and data follow.", { reason: /** @type {Error} */ (err).message });
  }
}

/** Redraw the drawn charts whose column crossed the wide layout's width. */
const resized = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const figure = /** @type {HTMLElement} */ (entry.target);
    if (figure.querySelector(".sb-chart-view")?.getAttribute("data-layout")) draw(figure);
  }
});

const figures = /** @type {HTMLElement[]} */ ([...document.querySelectorAll("figure.sb-chart")]);
// The theme's button (or the system, in auto mode) changed the page's mode: redraw what is drawn.
new MutationObserver(() => figures.forEach((f) => void (f.querySelector(".sb-chart-view")?.getAttribute("data-layout") && draw(f))))
  .observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
if ("IntersectionObserver" in window) {
  const watcher = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        watcher.unobserve(entry.target);
        draw(/** @type {HTMLElement} */ (entry.target));
        resized.observe(entry.target);
      }
    }
  }, { rootMargin: "0px" });
  figures.forEach((figure) => watcher.observe(figure));
} else {
  figures.forEach(draw);
  figures.forEach((figure) => resized.observe(figure));
}
