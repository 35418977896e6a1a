// @ts-check
/**
 * The page scripts' words in the edition's language. A translated edition's page carries its message
 * catalogue inline (`<script type="application/json" id="sourcebook-messages">`, compiled at build
 * time from locales/LANG/LC_MESSAGES/scripts.po by sourcebook/translation/scripts.py): nothing is
 * fetched. The English edition and Jupyter have none, and every message is its own English.
 *
 * Write each message as a literal: `t("Check answer")`, `t("{n} of {total} answered", {n, total})`,
 * `tn("{n} note", "{n} notes", count, {n: count})`; the extractor finds them by these names.
 */

/** @type {Record<string, string | string[]>} */
const CATALOGUE = (() => {
  const node = typeof document !== "undefined" && document.getElementById("sourcebook-messages");
  try { return node ? JSON.parse(node.textContent || "{}") : {}; } catch { return {}; }
})();

/** The edition's language (the page's `lang`), "en" outside a page. */
export const LANG = (typeof document !== "undefined" && document.documentElement.lang) || "en";
const PLURAL = new Intl.PluralRules(LANG);
// The order of a catalogue's plural forms (gettext's Plural-Forms for Russian: one, few, many).
const FORMS = { one: 0, few: 1, many: 2, other: 2, two: 1, zero: 2 };

/**
 * @param {string} text
 * @param {Record<string, unknown>} values
 */
function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/**
 * The message in the edition's language, `{name}` placeholders filled from `values`.
 * @param {string} msgid
 * @param {Record<string, unknown>} [values]
 */
export function t(msgid, values = {}) {
  const found = CATALOGUE[msgid];
  return fill(typeof found === "string" && found ? found : msgid, values);
}

/**
 * A message with a number: the plural form the language uses for `n`.
 * @param {string} one
 * @param {string} many
 * @param {number} n
 * @param {Record<string, unknown>} [values]
 */
export function tn(one, many, n, values = {}) {
  const found = CATALOGUE[one];
  if (Array.isArray(found) && found.every(Boolean)) {
    return fill(found[Math.min(FORMS[PLURAL.select(n)] ?? 0, found.length - 1)], { n, ...values });
  }
  return fill(n === 1 ? one : many, { n, ...values });
}
