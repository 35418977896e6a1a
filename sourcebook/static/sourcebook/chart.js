// @ts-check
/**
 * Draw every course chart on the page with the vendored vega-embed (loaded just before this module).
 * The spec is inlined in the page as JSON, so nothing is fetched.
 */
const embed = /** @type {any} */ (window).vegaEmbed;

for (const view of document.querySelectorAll(".sb-chart-view:not([data-drawn])")) {
  const spec = view.parentElement?.querySelector("script.sb-chart-spec");
  if (!spec) continue;
  view.setAttribute("data-drawn", "pending");
  embed(view, JSON.parse(spec.textContent || "{}"), { actions: false, renderer: "svg" })
    .then(() => view.setAttribute("data-drawn", "1"))
    .catch((/** @type {Error} */ err) => {
      view.setAttribute("data-drawn", "error");
      view.textContent = `This chart could not be drawn (${err.message}); its description and data follow.`;
    });
}
