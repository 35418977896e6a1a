// @ts-check
/**
 * Draw each course chart when it comes into view. The vega bundle (vendored from
 * vl-convert-python, served beside this file) is imported only then, so pages load fast and a
 * chart nobody scrolls to costs nothing. The spec is inlined in the page: nothing else is fetched.
 */

/** @type {Promise<any> | null} */
let vega = null;

/** @param {HTMLElement} figure */
function loadVega(figure) {
  if (!vega) {
    const bundle = new URL(`./vendor/${figure.dataset.vega}`, import.meta.url);
    vega = import(bundle.href).then(() => /** @type {any} */ (window).vegaEmbed);
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
