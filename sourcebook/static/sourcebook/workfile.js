// @ts-check
/**
 * The student's portable work file, `sourcebook-work.json`, in the browser: what this browser holds
 * (exercise records, written answers, notes, essay plans, the student's name) written as one sealed
 * file, and a file read back, validated against the same JSON Schema as the Python tools
 * (sourcebook/reading/work.schema.json, given to the page), then merged: newer record wins, nothing
 * dropped. A file that fails any check is refused with the reason and changes nothing.
 */
import { readProgress, writeProgress, STORAGE_KEY, t, tn } from "./exercise.js";
import { readStore, updateStore } from "./notes-store.js";
import { REVIEW_KEY, readQueue, syncQueue, writeQueue } from "./review-store.js";

export const FILE_NAME = "sourcebook-work.json";
export const COURSE = "china-russia-central-asia";
export const STUDENT_KEY = "sourcebook-student-v1";
const SECTIONS = /** @type {const} */ (["exercises", "answers", "notes", "plans", "review"]);
export const VERSION = 3;

/** @param {any} o @param {string} k */
const own = (o, k) => o != null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k);
/** @param {any} v */
const isObject = (v) => v != null && typeof v === "object" && !Array.isArray(v);

/** @param {string} key @returns {any} */
function load(key) {
  try {
    const data = JSON.parse(window.localStorage.getItem(key) || "null");
    return isObject(data) ? data : null;
  } catch {
    return null;
  }
}

/** @param {string} key @param {any} value */
function store(key, value) {
  window.localStorage.setItem(key, JSON.stringify(value));
}

/** The student's name and written answers. @returns {{format: string, version: number, name: string, answers: Record<string, any>}} */
export function readStudent() {
  const data = load(STUDENT_KEY);
  return { format: "sourcebook-student", version: 1, name: "", ...data, answers: isObject(data?.answers) ? data.answers : {} };
}

/** @param {string} name */
export function saveName(name) {
  store(STUDENT_KEY, { ...readStudent(), name });
}

/** Keep one written answer as it is typed. @param {string} id @param {string} text */
export function saveAnswer(id, text) {
  const student = readStudent();
  student.answers = { ...student.answers, [id]: { text, updated: new Date().toISOString() } };
  store(STUDENT_KEY, student);
}

/* ------------------------------------------------------------- the file */

/** JSON with keys sorted at every level and no spaces: the text the checksum is taken of. @param {any} v @returns {string} */
export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

/** "sha256:" + hex SHA-256 of the canonical JSON of `data` without its checksum. @param {any} data */
export async function checksum(data) {
  const { checksum: _, ...rest } = data;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical(rest)));
  return `sha256:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** @param {string} name */
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute("content") || "";

/** Everything this browser holds, as an unsealed file of this version. */
export function currentWork() {
  const progress = readProgress();
  const queue = syncQueue();
  const student = readStudent();
  const notes = readStore();
  /** @type {Record<string, any>} */
  const work = {
    format: "sourcebook-work", version: VERSION, course: COURSE, edition: meta("sourcebook-edition") || "student",
    build: meta("sourcebook-build"), exported: new Date().toISOString(), student: { name: student.name || "" },
    exercises: progress.exercises, answers: student.answers, notes: notes.notes, plans: notes.plans, review: queue.items,
  };
  if (progress.seed) work.seed = progress.seed;
  return work;
}

/** The sealed file's text. */
export async function workFileText() {
  const work = currentWork();
  return JSON.stringify({ ...work, checksum: await checksum(work) }, null, 1);
}

/* ------------------------------------------------------- validation */

/**
 * The JSON Schema keywords the work-file schema uses, checked as JSON Schema 2020-12 defines them.
 * Returns the first problem as "path: message", or null.
 * @param {any} schema @param {any} value @param {any} root @param {string} path @returns {string | null}
 */
export function validate(schema, value, root = schema, path = "") {
  if (schema.$ref) return validate(schema.$ref.split("/").slice(1).reduce((/** @type {any} */ s, /** @type {string} */ k) => s[k], root), value, root, path);
  const at = path || "the file";
  const type = Array.isArray(value) ? "array" : value === null ? "null" : Number.isInteger(value) ? "integer" : typeof value;
  const types = { object: type === "object", array: type === "array", string: type === "string",
    integer: type === "integer", boolean: type === "boolean" };
  if (schema.type && !types[/** @type {keyof types} */ (schema.type)])
    return `${at}: ${JSON.stringify(value)} is not of type '${schema.type}'`;
  if (own(schema, "const") && value !== schema.const) return `${at}: ${JSON.stringify(schema.const)} was expected`;
  if (schema.enum && !schema.enum.includes(value)) return `${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`;
  if (type === "string") {
    if (schema.maxLength != null && [...value].length > schema.maxLength) return `${at}: is too long`;
    if (schema.minLength != null && [...value].length < schema.minLength) return `${at}: should be non-empty`;
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) return `${at}: ${JSON.stringify(value)} does not match '${schema.pattern}'`;
  }
  if (type === "integer" && schema.minimum != null && value < schema.minimum) return `${at}: ${value} is less than ${schema.minimum}`;
  if (type === "integer" && schema.maximum != null && value > schema.maximum) return `${at}: ${value} is greater than ${schema.maximum}`;
  if (type === "array") {
    if (schema.maxItems != null && value.length > schema.maxItems) return `${at}: has too many items`;
    for (let i = 0; schema.items && i < value.length; i++) {
      const problem = validate(schema.items, value[i], root, path ? `${path}/${i}` : String(i));
      if (problem) return problem;
    }
  }
  if (type === "object") {
    for (const key of schema.required || []) if (!own(value, key)) return `${at}: '${key}' is a required property`;
    for (const [key, item] of Object.entries(value)) {
      const sub = path ? `${path}/${key}` : key;
      if (schema.propertyNames) {
        const problem = validate(schema.propertyNames, key, root, sub);
        if (problem) return problem;
      }
      const rule = own(schema.properties, key) ? schema.properties[key] : schema.additionalProperties;
      if (rule === false) return `${at}: additional property '${key}' is not allowed`;
      if (rule && rule !== true) {
        const problem = validate(rule, item, root, sub);
        if (problem) return problem;
      }
    }
  }
  return null;
}

/** A version-1 progress file as version 2 (then read as any version-2 file). @param {any} data */
function fromV1(data) {
  if (!isObject(data.exercises)) throw new Error('"exercises" must be an object');
  const when = typeof data.exported === "string" ? data.exported : new Date().toISOString();
  /** @type {Record<string, any>} */
  const exercises = {};
  for (const [id, r] of Object.entries(data.exercises)) exercises[id] = isObject(r) ? { updated: when, ...r } : r;
  return { format: "sourcebook-work", version: 2, course: COURSE, edition: "student", build: "", exported: when,
    student: { name: "" }, exercises, answers: {}, notes: {}, plans: {}, ...(typeof data.seed === "string" ? { seed: data.seed } : {}) };
}

/** A version-2 file (checked) as version 3: an empty review queue. @param {any} data */
const fromV2 = (data) => ({ ...data, version: VERSION, review: {} });

/**
 * Parse and check a work file's text against `schema`; returns the file as this version (older ones
 * brought up to it) or throws an Error whose message says why it was refused.
 * @param {string} text @param {any} schema
 */
export async function parseWork(text, schema) {
  /** @type {any} */
  let data;
  try { data = JSON.parse(text); } catch { throw new Error(t("it is not valid JSON; the file may be truncated or damaged")); }
  if (!isObject(data) || !["sourcebook-work", "sourcebook-progress"].includes(data.format))
    throw new Error(t("it is not a work file of this course"));
  if (own(data, "course") && data.course !== COURSE) throw new Error(t("it comes from another course ({course})", { course: JSON.stringify(data.course) }));
  if (data.format === "sourcebook-progress") {
    if (data.version !== 1) throw new Error(t("it is an unknown version ({version}) of a progress file", { version: JSON.stringify(data.version) }));
    data = fromV1(data);
  } else if (data.version !== 2 && data.version !== VERSION) {
    throw new Error(t("it is an unknown version ({version}); this course reads versions 2 and {current}", { version: JSON.stringify(data.version), current: String(VERSION) }));
  } else if (data.checksum !== (await checksum(data))) {
    throw new Error(t("its checksum does not match: the file was changed or damaged after it was saved"));
  }
  if (data.version === 2) {
    data = fromV2(data);
    data.checksum = await checksum(data);
  }
  const problem = validate(schema, data);
  if (problem) throw new Error(t("it is malformed ({problem})", { problem }));
  return data;
}

/* ----------------------------------------------------------- merging */

/**
 * Both sides in one, per section: the newer `updated` wins. Counts what came in and what was kept.
 * @param {Record<string, any>} ours @param {Record<string, any>} theirs
 */
export function mergeSection(ours, theirs) {
  const merged = { ...ours };
  const counts = { added: 0, newer: 0, kept: 0 };
  /** @type {string[]} the keys whose record came in */
  const came = [];
  for (const [key, record] of Object.entries(theirs)) {
    if (!own(merged, key)) { merged[key] = record; counts.added++; came.push(key); }
    else if (String(record.updated || "") > String(merged[key].updated || "")) { merged[key] = record; counts.newer++; came.push(key); }
    else if (canonical(record) !== canonical(merged[key])) counts.kept++;
  }
  return { merged, counts, came };
}

/**
 * Merge a validated file into this browser; returns a sentence saying what changed.
 * @param {any} work
 */
export function restoreWork(work) {
  const now = currentWork();
  /** @type {Record<string, {merged: Record<string, any>, counts: {added: number, newer: number, kept: number}, came: string[]}>} */
  const out = {};
  for (const section of SECTIONS) out[section] = mergeSection(now[section], work[section]);
  const progress = readProgress();
  const student = readStudent();
  // Write everything only once all is merged: a failure above leaves the browser untouched.
  writeProgress({ ...progress, ...(progress.seed ? {} : work.seed ? { seed: work.seed } : {}), exercises: out.exercises.merged });
  store(STUDENT_KEY, { ...student, name: student.name || work.student.name || "", answers: out.answers.merged });
  updateStore((notes) => { notes.notes = out.notes.merged; notes.plans = out.plans.merged; });
  writeQueue({ ...readQueue(), items: out.review.merged });
  window.dispatchEvent(new StorageEvent("storage", { key: STORAGE_KEY }));
  window.dispatchEvent(new StorageEvent("storage", { key: REVIEW_KEY }));
  /** @type {Record<string, (n: number) => string>} */
  const counted = {
    exercises: (n) => tn("{n} exercise record", "{n} exercise records", n),
    answers: (n) => tn("{n} written answer", "{n} written answers", n),
    notes: (n) => tn("{n} note", "{n} notes", n),
    plans: (n) => tn("{n} essay plan", "{n} essay plans", n),
    review: (n) => tn("{n} review item", "{n} review items", n),
  };
  // An open exercise's record that came in with its text is a written answer to the student, as an assignment's is.
  const written = out.exercises.came.filter((k) => typeof out.exercises.merged[k].answer_text === "string").length;
  /** @type {Record<string, number>} */
  const moved = { exercises: -written, answers: written, notes: 0, plans: 0, review: 0 };
  const parts = SECTIONS.map((s) => {
    const c = out[s].counts;
    return counted[s](c.added + c.newer + moved[s]) + (c.kept ? t(" ({kept} newer here kept)", { kept: c.kept }) : "");
  });
  return t("Restored from the file: {parts}.", { parts: parts.join(", ") });
}
