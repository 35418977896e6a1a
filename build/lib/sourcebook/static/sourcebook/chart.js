// @ts-check
/**
 * Draw each course chart when it comes into view. The vega bundle (vendored from
 * vl-convert-python, served beside this file) is loaded only then, so pages load fast and a
 * chart nobody scrolls to costs nothing. The spec is inlined in the page: nothing else is fetched.
 * Each chart has a wide layout and a narrow one (for phones); the one that fits the column is drawn,
 * and drawn again when the column grows or shrinks past the wide one's width.
 */

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
  if (view.dataset.layout === layout) return;
  view.dataset.layout = layout;
  view.dataset.drawn = "pending";
  try {
    const embed = await loadVega(figure);
    const specs = JSON.parse(spec.textContent || "{}");
    await embed(view, { datasets: specs.wide.datasets, ...specs[layout] }, { actions: false, renderer: "svg" });
    view.dataset.drawn = "1";
  } catch (err) {
    view.dataset.drawn = "error";
    view.textContent = `This chart could not be drawn (${/** @type {Error} */ (err).message}); its description and data follow.`;
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
