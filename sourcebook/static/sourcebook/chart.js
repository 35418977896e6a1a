// @ts-check
/**
 * Draw each course chart when it comes into view. The vega bundle (vendored from
 * vl-convert-python, served beside this file) is loaded only then, so pages load fast and a
 * chart nobody scrolls to costs nothing. The spec is inlined in the page: nothing else is fetched.
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

/** @param {HTMLElement} figure */
async function draw(figure) {
  const view = /** @type {HTMLElement} */ (figure.querySelector(".sb-chart-view"));
  const spec = figure.querySelector("script.sb-chart-spec");
  if (!view || !spec || view.dataset.drawn) return;
  view.dataset.drawn = "pending";
  try {
    const embed = await loadVega(figure);
    await embed(view, JSON.parse(spec.textContent || "{}"), { actions: false, renderer: "svg" });
    view.dataset.drawn = "1";
  } catch (err) {
    view.dataset.drawn = "error";
    view.textContent = `This chart could not be drawn (${/** @type {Error} */ (err).message}); its description and data follow.`;
  }
}

const figures = /** @type {HTMLElement[]} */ ([...document.querySelectorAll("figure.sb-chart")]);
if ("IntersectionObserver" in window) {
  const watcher = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        watcher.unobserve(entry.target);
        draw(/** @type {HTMLElement} */ (entry.target));
      }
    }
  }, { rootMargin: "0px" });
  figures.forEach((figure) => watcher.observe(figure));
} else {
  figures.forEach(draw);
}
