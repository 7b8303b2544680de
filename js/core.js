// errcat/core: explains Mobizon and Planfix codes from the data that
// `errcat export --all` writes, with the Rust library's semantics: the same
// locale parsing and narrowing, the same fallback chains, the same answers.
//
// This module owns resolution only. It loads nothing: the caller hands it
// the exported index and whichever locale files it has loaded (see
// index.js for the package's own data, loaded all at once).

/**
 * The version of the exported document's shape that this module reads: 2
 * carries `locale_rules`, the tables of the library's locale parsing.
 */
export const FORMAT = 2;

const MAX_CODE = 4294967295;
/** The smallest i64, which explain_number takes; -MIN_I64 is one past the largest. */
const MIN_I64 = -(2 ** 63);

/**
 * An extra message's template with its placeholders filled in, in one pass
 * (what is put in is not read again), as the export documents: `{$number}`
 * and `{$message}` where `values` has them; one it lacks stays, as Fluent
 * writes a variable it is not given.
 */
function fill(template, values) {
  return template.replace(/\{\$(number|message|added|refused)\}/g, (placeholder, name) =>
    Object.hasOwn(values, name) && values[name] !== null && values[name] !== undefined ? values[name] : placeholder,
  );
}

/** A failure, with a stable `kind` to branch on. */
export class ErrcatError extends Error {
  constructor(kind, message) {
    super(message);
    this.name = "ErrcatError";
    this.kind = kind;
  }
}

const utf8 = new TextEncoder();

/**
 * `object[key]` if `object` has that key as its own property, else
 * undefined: a name from outside (`"constructor"`, `"__proto__"`,
 * `"toString"`) never reaches what objects inherit.
 */
function own(object, key) {
  return object !== null && typeof object === "object" && Object.hasOwn(object, key) ? object[key] : undefined;
}

// Rust's `str::trim`: Unicode White_Space (JavaScript's \s adds U+FEFF and
// lacks U+0085).
const WS = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const TRIM = new RegExp(`^[${WS}]+|[${WS}]+$`, "g");
const trim = (s) => s.replace(TRIM, "");

const ALPHA = /^[A-Za-z]+$/;
const DIGITS = /^[0-9]+$/;
const ALNUM = /^[A-Za-z0-9]+$/;

/**
 * The export's `locale_rules`, checked once: the tables the library's
 * `parse_locale` and `parse_accept_language` use (ISO 639-2 codes, English
 * language names, the POSIX names of English, the length limits).
 */
function rulesOf(rules) {
  const ok =
    rules !== null &&
    typeof rules === "object" &&
    Number.isInteger(rules.max_locale_len) &&
    Array.isArray(rules.posix_english) &&
    rules.iso_639_2 !== null &&
    typeof rules.iso_639_2 === "object" &&
    rules.language_names !== null &&
    typeof rules.language_names === "object" &&
    Number.isInteger(rules.accept_language?.max_header_bytes) &&
    Number.isInteger(rules.accept_language?.max_ranges);
  if (!ok) {
    throw new ErrcatError("unsupported-format", "the export has no usable locale_rules: regenerate it with `errcat export --all`");
  }
  return rules;
}

/** `table[word]`, the word compared ASCII-case-insensitively with the table's lower-case keys. */
function lookupWord(table, word) {
  return own(table, asciiLower(word));
}

/**
 * `name` up to its first singleton subtag (`u`, `t`, `x`, …), which starts
 * the extensions and private use (RFC 5646 §2.2.6, §2.2.7); null if those
 * are malformed (subtags of 1–8 letters and digits) or nothing precedes them.
 */
function withoutExtensions(name) {
  let at = 0;
  for (const subtag of name.split(/[-_]/)) {
    if (subtag.length === 1) {
      const head = name.slice(0, at).replace(/[-_]+$/, "");
      const parts = name.slice(at).split(/[-_]/);
      const wellFormed = parts.length >= 2 && parts.every((s) => s.length >= 1 && s.length <= 8 && ALNUM.test(s));
      return head !== "" && wellFormed ? head : null;
    }
    at += subtag.length + 1;
  }
  return name;
}

/**
 * Parses a locale name as people and systems write it into `{language,
 * script, region, variants, tag}`, with the library's algorithm
 * (`errcat::parse_locale`) and the tables of the export's `locale_rules`:
 * BCP 47 tags in any case, extensions and private use dropped
 * (`ru-RU-u-ca-gregory` → `ru-RU`), POSIX names (`kk_KZ.UTF-8`,
 * `ru_RU@euro`, `C`), ISO 639-2 codes (`kaz` → `kk`) and English language
 * names (`Russian_Russia.1251` → `ru`). Throws an ErrcatError of kind
 * `invalid-locale` for anything else.
 */
export function parseLocale(input, localeRules) {
  const rules = rulesOf(localeRules);
  const invalid = () =>
    new ErrcatError(
      "invalid-locale",
      `invalid locale ${shown(String(input))}: expected a language tag such as kk, kk-KZ or kk_KZ.UTF-8`,
    );
  if (typeof input !== "string" || utf8.encode(input).length > rules.max_locale_len) throw invalid();
  const trimmed = trim(input);
  // POSIX: language[_territory][.codeset][@modifier].
  const end = trimmed.search(/[.@]/);
  const whole = end < 0 ? trimmed : trimmed.slice(0, end);
  if (whole === "") throw invalid();
  if (rules.posix_english.some((n) => asciiLower(n) === asciiLower(whole))) return locale("en", null, null, []);
  if (!/^[A-Za-z0-9_-]+$/.test(whole)) throw invalid();
  let name = withoutExtensions(whole);
  if (name === null) throw invalid();
  const cut = name.search(/[-_]/);
  const first = cut < 0 ? name : name.slice(0, cut);
  const rest = cut < 0 ? null : name.slice(cut + 1);
  if (first.length >= 4) {
    // A language's English name (`Russian_Russia.1251`, `kazakh`); its
    // region, if any, is a country's name, kept only as a region subtag.
    const code = lookupWord(rules.language_names, first);
    if (typeof code !== "string") throw invalid();
    const region = rest !== null && (/^[A-Za-z]{2}$/.test(rest) || /^[0-9]{3}$/.test(rest)) ? rest.toUpperCase() : null;
    return locale(code, null, region, []);
  }
  const two = first.length === 3 ? lookupWord(rules.iso_639_2, first) : undefined;
  if (typeof two === "string") name = two + name.slice(3);
  const subtags = name.split(/[-_]/);
  const language = subtags.shift().toLowerCase();
  if (language.length < 2 || language.length > 3 || !ALPHA.test(language)) throw invalid();
  let script = null;
  let region = null;
  const variants = [];
  let position = 1;
  for (const s of subtags) {
    const isScript = s.length === 4 && ALPHA.test(s);
    const isRegion = (s.length === 2 && ALPHA.test(s)) || (s.length === 3 && DIGITS.test(s));
    const isVariant = ALNUM.test(s) && ((s.length >= 5 && s.length <= 8) || (s.length === 4 && /^[0-9]/.test(s)));
    if (position === 1 && isScript) {
      script = s[0].toUpperCase() + s.slice(1).toLowerCase();
      position = 2;
    } else if (position <= 2 && isRegion) {
      region = s.toUpperCase();
      position = 3;
    } else if (isVariant) {
      variants.push(s.toLowerCase());
      position = 3;
    } else {
      throw invalid();
    }
  }
  // `und` names no language: nothing to serve.
  if (language === "und") throw invalid();
  return locale(language, script, region, [...new Set(variants)].sort());
}

function locale(language, script, region, variants) {
  const tag = [language, script, region, ...variants].filter(Boolean).join("-");
  return { language, script, region, variants, tag };
}

/** The tag without variants: what an explanation names as requested, as the library's does. */
function chosenBy(id) {
  return [id.language, id.script, id.region].filter(Boolean).join("-");
}

/**
 * The languages of an HTTP Accept-Language header (RFC 9110 §12.5.4), best
 * first: `[{locale, quality}]`, with the library's algorithm
 * (`errcat::parse_accept_language`) and the export's `locale_rules`.
 * Ranges with q=0, malformed ranges and q-values, `*` and POSIX names are
 * skipped; equal qualities keep the header's order.
 */
export function parseAcceptLanguage(header, localeRules) {
  return acceptLanguageRanges(header, rulesOf(localeRules)).ranges;
}

/** The accepted ranges, best first, and the languages excluded with q=0. */
function acceptLanguageRanges(header, rules) {
  const { max_header_bytes: maxBytes, max_ranges: maxRanges } = rules.accept_language;
  let bytes = utf8.encode(String(header ?? ""));
  if (bytes.length > maxBytes) {
    let end = maxBytes;
    while (end > 0 && (bytes[end] & 0xc0) === 0x80) end -= 1;
    bytes = bytes.slice(0, end);
  }
  const text = new TextDecoder().decode(bytes);
  const ranges = [];
  const excluded = [];
  for (const part of text.split(",").slice(0, maxRanges)) {
    const [rawTag, ...params] = part.split(";");
    const tag = trim(rawTag);
    if (tag === "" || tag === "*") continue;
    let quality = 1;
    for (const param of params) {
      // A trailing `;` keeps the range.
      if (trim(param) === "") continue;
      const eq = param.indexOf("=");
      if (eq < 0) {
        quality = null;
        continue;
      }
      if (trim(param.slice(0, eq)).toLowerCase() === "q") quality = parseQuality(trim(param.slice(eq + 1)));
    }
    // Only BCP 47 here, but `_` for `-` is a common slip.
    if (/[.@]/.test(tag)) continue;
    let parsed;
    try {
      parsed = parseLocale(tag.replaceAll("_", "-"), rules);
    } catch {
      continue;
    }
    if (quality !== null && quality > 0 && !ranges.some((r) => r.locale.tag === parsed.tag)) {
      ranges.push({ locale: parsed, quality });
    } else if (quality !== null && quality <= 0) {
      excluded.push(parsed);
    }
  }
  // A language excluded anywhere in the header is not acceptable.
  const kept = ranges.filter((r) => !excluded.some((e) => e.tag === r.locale.tag));
  return { ranges: kept.sort((a, b) => b.quality - a.quality), excluded };
}

function parseQuality(value) {
  const valid =
    value.length <= 5 && /^[01][0-9.]*$/.test(value) && value.split(".").length <= 2;
  if (!valid) return null;
  const q = Number(value);
  return q >= 0 && q <= 1 ? q : null;
}

/** How well a shipped locale fits a requested one: null, or the subtags matched. */
function fit(shipped, requested) {
  if (shipped.language !== requested.language) return null;
  let score = 0;
  if (shipped.script) {
    if (shipped.script !== requested.script) return null;
    score += 1;
  }
  if (shipped.region) {
    if (shipped.region !== requested.region) return null;
    score += 1;
  }
  return score;
}

/**
 * Folds a text for search as errcat's `tooling::fold` does, so that a
 * search box matches what the library's search matches: each character in
 * lower case on its own (as Rust's `char::to_lowercase`: a final Σ is σ,
 * not ς), ё as е, and every run of characters that are neither letters
 * (Unicode Alphabetic) nor numbers as one space, none at either end.
 * tests/fixtures/fold.txt holds the cases both must agree on.
 */
export function fold(text) {
  let lower = "";
  for (const c of String(text ?? "")) lower += c.toLowerCase();
  return lower.replaceAll("ё", "е").replace(/[^\p{Alphabetic}\p{N}]+/gu, " ").trim();
}

/**
 * A catalog built from `errcat export --all` data: the index (or the whole
 * document, texts included) and any locale files already loaded.
 */
export function createCatalog(index, ...localeFiles) {
  return new Catalog(index, localeFiles);
}

export class Catalog {
  #index;
  #rules;
  #shipped;
  #chains;
  #unshipped;
  #texts = new Map();
  #phrases = new Map();

  constructor(index, localeFiles = []) {
    if (!index || index.format !== FORMAT) {
      throw new ErrcatError(
        "unsupported-format",
        `this errcat package reads export format ${FORMAT}, not ${index?.format}`,
      );
    }
    this.#index = index;
    this.#rules = rulesOf(index.locale_rules);
    const tags = Object.keys(index.locales);
    this.#shipped = tags.map((tag) => parseLocale(tag, this.#rules));
    const slot = (tag) => tags.indexOf(tag);
    this.#chains = tags.map((tag) => (own(index.fallback.chains, tag) ?? []).map(slot).filter((s) => s >= 0));
    const last = slot(index.fallback.last_resort);
    this.#unshipped = last >= 0 ? [last] : [];
    for (const file of [...Object.values(index.texts ?? {}), ...localeFiles]) this.addLocale(file);
  }

  /** The export's version and content hash. */
  get version() {
    return this.#index.version;
  }
  get hash() {
    return this.#index.hash;
  }

  /** The shipped locales, in the library's order. */
  get locales() {
    return this.#shipped.map((l) => l.tag);
  }

  /**
   * Adds a locale file (`<locale>.json`) loaded later. Throws an
   * ErrcatError of kind `unknown-locale` for a file of a locale the export
   * does not have.
   */
  addLocale(file) {
    if (!file || typeof file.locale !== "string" || own(this.#index.locales, file.locale) === undefined) {
      throw new ErrcatError("unknown-locale", `${shown(String(file?.locale))} is not a locale of this export`);
    }
    this.#texts.set(file.locale, file.catalogs);
    this.#phrases.set(file.locale, file.phrases ?? {});
    return this;
  }

  /**
   * The chain for `languages`: one locale (`"kk_KZ.UTF-8"`, as errcat's
   * `chain`), an Accept-Language header (`"fr-CH, uk;q=0.9"`, any string
   * with `,` or `;`), or a list such as `navigator.languages` (read like a
   * header). Returns `{requested, locales}`. Throws an ErrcatError of kind
   * `invalid-locale` for a single string that is not a locale.
   */
  chain(languages) {
    return this.#chainOf(this.#resolve(languages));
  }

  /**
   * The chain for one locale string, as errcat's `Catalog::chain`: never
   * read as a header, whatever it holds. Throws an ErrcatError of kind
   * `invalid-locale` for a string that is not a locale.
   */
  chainForLocale(input) {
    return this.#chainOf(this.#single(input));
  }

  /** The chain for an Accept-Language header, as errcat's `Catalog::chain_for_accept_language`. */
  chainForAcceptLanguage(header) {
    return this.#chainOf(this.#acceptLanguage(String(header ?? "")));
  }

  /** `parseLocale` with this export's `locale_rules`. */
  parseLocale(input) {
    return parseLocale(input, this.#rules);
  }

  /** `parseAcceptLanguage` with this export's `locale_rules`. */
  parseAcceptLanguage(header) {
    return parseAcceptLanguage(header, this.#rules);
  }

  #chainOf({ requested, slots }) {
    return { requested: requested.tag, locales: slots.map((s) => this.#shipped[s].tag) };
  }

  /** The locales of the chain for `languages` whose files are not loaded yet. */
  missingLocales(languages) {
    return this.chain(languages).locales.filter((tag) => !this.#texts.has(tag));
  }

  /**
   * Explains `number` of `catalog` (`"mobizon"` or `"planfix"`) in the
   * user's languages, as errcat's `explain_number` does: the code's text
   * when the catalog has the number, else the catalog's `unknown-code`
   * text with the number in it (`name` `unknown-code`, `kind` `unknown`,
   * `section` null). `number` is an integer from -2^63 to 2^63 - 1, the
   * range of the library's i64: anything else throws an ErrcatError of kind
   * `invalid-number`. Throws an ErrcatError of kind `not-loaded` when a
   * locale of the chain has not been added yet.
   */
  explainNumber(catalog, number, languages) {
    return this.#explainAnswer(catalog, number, null, languages);
  }

  /**
   * Explains a raw API response, a JSON string or a parsed object, as
   * errcat's `Catalog::answer_response` does (see `parseResponse` for how a
   * body is read). Returns `{response, explanation, summary?, recipients?}`:
   * the code's text, the `unknown-code` text for a number the catalog does
   * not have (with the server's `message` where the text uses
   * `{$message}`), or for a Planfix success (`number` null) Planfix's
   * `success` text, whose `code` is `planfix:success`. A Mobizon
   * per-recipient answer adds `summary` (`{added, refused, text}`) and
   * `recipients` (each `{recipient, messageId?, ...explanation}`); a lone
   * recipient item adds `recipients` only. Throws an ErrcatError of kind
   * `invalid-json` or `invalid-response` when there is no code to read.
   */
  explainResponse(json, languages, options = {}) {
    const response = parseResponse(json, options.catalog, this.#shapes());
    const explanation =
      response.number === null
        ? this.#explainExtra(response.catalog, "success", languages, {})
        : this.#explainAnswer(response.catalog, response.number, response.message, languages);
    const answer = { response, explanation };
    const recipients = response.recipients
      .filter((item) => item.code !== null)
      .map((item) => {
        const e = this.#explainAnswer("mobizon-recipient", item.code, null, languages);
        const who = { recipient: item.recipient };
        if (item.messageId !== undefined) who.messageId = item.messageId;
        return { ...who, ...e };
      });
    if (response.recipients.length > 0 && response.catalog !== "mobizon-recipient") {
      let added = 0;
      for (const item of response.recipients) if (item.code === 0) added += 1;
      const refused = response.recipients.length - added;
      const template = this.#phrase(languages, "recipients-summary");
      answer.summary = { added, refused, text: fill(template, { added: String(added), refused: String(refused) }) };
    }
    if (recipients.length > 0) answer.recipients = recipients;
    if (response.recipients.length === 0) delete response.recipients;
    return answer;
  }

  /** Each catalog's response shape, from the export's registry. */
  #shapes() {
    const shapes = new Map();
    for (const [id, registry] of Object.entries(this.#index.catalogs)) shapes.set(id, registry.shape);
    return shapes;
  }

  /** One of errcat's exported phrase templates, from the first locale of the chain that has it. */
  #phrase(languages, id) {
    for (const tag of this.chain(languages).locales) {
      const phrases = this.#phrases.get(tag);
      if (phrases && Object.hasOwn(phrases, id)) return phrases[id];
    }
    throw new ErrcatError("no-text", `no text for the phrase ${id}: this export has no such phrase`);
  }

  /** A number's answer: its code's text, or the catalog's `unknown-code` text. */
  #explainAnswer(catalog, number, message, languages) {
    const registry = this.#registry(catalog);
    if (!Number.isInteger(number) || number < MIN_I64 || number >= -MIN_I64) {
      throw new ErrcatError(
        "invalid-number",
        `invalid number ${shown(String(number))}: expected an integer from -2^63 to 2^63 - 1`,
      );
    }
    const entry = registry.codes.find((c) => c.number === number);
    if (!entry) {
      // The number as the library writes it: every digit, no grouping.
      return this.#explainExtra(catalog, "unknown-code", languages, { number: BigInt(number).toString(), message });
    }
    const found = this.#find(
      languages,
      (texts) => own(own(own(texts, catalog), "messages"), String(entry.number)),
      `${catalog}:${entry.number}`,
    );
    return {
      code: `${catalog}:${entry.number}`,
      catalog,
      number: entry.number,
      name: entry.name,
      kind: entry.kind,
      section: entry.section,
      ...found,
    };
  }

  /**
   * The answer of a catalog's extra message (`unknown-code`, `success`):
   * its template, with `values.number` (the number's digits) and
   * `values.message` filled in where the text has them.
   */
  #explainExtra(catalog, name, languages, values) {
    const extra = this.#registry(catalog).extras?.find((x) => x.name === name);
    if (!extra) {
      throw new ErrcatError("no-text", `no text for ${catalog}:${name}: this export has no such message`);
    }
    const found = this.#find(languages, (texts) => own(own(own(texts, catalog), "extras"), name), `${catalog}:${name}`);
    const number = values.number ?? null;
    return {
      code: `${catalog}:${number ?? name}`,
      catalog,
      number: number === null ? null : Number(number),
      name,
      kind: extra.kind,
      section: null,
      ...found,
      title: fill(found.title, values),
      explanation: fill(found.explanation, values),
      hint: found.hint === null ? null : fill(found.hint, values),
    };
  }

  #registry(catalog) {
    const registry = typeof catalog === "string" ? own(this.#index.catalogs, catalog) : undefined;
    if (!registry) {
      throw new ErrcatError(
        "unknown-catalog",
        `unknown catalog ${shown(String(catalog))}: known catalogs are ${Object.keys(this.#index.catalogs).join(", ")}`,
      );
    }
    return registry;
  }

  /**
   * The first locale of the chain for `languages` whose texts `pick` finds
   * a message in: `{requested, locale, fallback, title, explanation, hint}`.
   */
  #find(languages, pick, code) {
    const { requested, head, asked, slots } = this.#resolve(languages);
    for (const slot of slots) {
      const tag = this.#shipped[slot].tag;
      const texts = this.#texts.get(tag);
      if (!texts) {
        throw new ErrcatError("not-loaded", `the texts of ${tag} are not loaded: add ${own(this.#index.locales, tag)?.file}`);
      }
      const message = pick(texts);
      if (message) {
        return {
          requested: chosenBy(requested),
          locale: tag,
          fallback: head !== slot && !asked.includes(slot),
          title: message.title,
          explanation: message.explanation,
          hint: message.hint,
        };
      }
    }
    throw new ErrcatError("no-text", `no text for ${code} in ${requested.tag} or any locale it falls back to`);
  }

  /**
   * The catalog's localized title (`Planfix REST API`). Throws an
   * ErrcatError of kind `unknown-catalog` for a catalog the export does
   * not have.
   */
  catalogTitle(catalog, languages) {
    this.#registry(catalog);
    return this.#label(languages, (t) => own(own(t, catalog), "title"));
  }

  /**
   * A section's localized title (`tasks` → «Задачи»). Throws an
   * ErrcatError of kind `unknown-catalog` or `unknown-section` for a name
   * the export does not have.
   */
  sectionTitle(catalog, section, languages) {
    const registry = this.#registry(catalog);
    if (typeof section !== "string" || !(registry.sections ?? []).includes(section)) {
      throw new ErrcatError(
        "unknown-section",
        `unknown section ${shown(String(section))} of ${catalog}: its sections are ${(registry.sections ?? []).join(", ")}`,
      );
    }
    return this.#label(languages, (t) => own(own(own(t, catalog), "sections"), section));
  }

  #label(languages, pick) {
    for (const slot of this.#resolve(languages).slots) {
      const texts = this.#texts.get(this.#shipped[slot].tag);
      const label = texts && pick(texts);
      if (label) return label;
    }
    return undefined;
  }

  /** The most specific shipped locale that fits; ties go to the first. */
  #narrow(requested) {
    let best = null;
    let bestScore = -1;
    this.#shipped.forEach((shipped, slot) => {
      const score = fit(shipped, requested);
      if (score !== null && score > bestScore) {
        best = slot;
        bestScore = score;
      }
    });
    return best;
  }

  #resolve(languages) {
    if (languages === undefined) languages = globalThis.navigator?.languages ?? [];
    if (typeof languages === "string" && !/[,;]/.test(languages)) return this.#single(languages);
    const header = typeof languages === "string" ? languages : Array.from(languages).join(", ");
    return this.#acceptLanguage(header);
  }

  /** One locale's chain: narrowed to a shipped locale, then its default chain. */
  #single(input) {
    const requested = parseLocale(input, this.#rules);
    const head = this.#narrow(requested);
    const slots = head === null ? this.#unshipped : this.#chains[head];
    return { requested, head, asked: [], slots };
  }

  /** The user's languages in order, then what the table adds to each, then the last resort. */
  #acceptLanguage(header) {
    const { ranges, excluded } = acceptLanguageRanges(header, this.#rules);
    const accepted = ranges.map((r) => r.locale);
    const excludedSlots = excluded.map((id) => this.#narrow(id)).filter((s) => s !== null);
    const policy = [];
    for (const id of accepted) {
      const slot = this.#narrow(id);
      if (slot === null) continue;
      for (const s of this.#chains[slot]) {
        if (!this.#unshipped.includes(s) && !excludedSlots.includes(s)) policy.push(this.#shipped[s]);
      }
    }
    const requested = accepted[0] ?? locale("en", null, null, []);
    const slots = [];
    const candidates = [...accepted, ...policy].map((id) => this.#narrow(id)).filter((s) => s !== null);
    for (const slot of [...candidates, ...this.#unshipped]) {
      if (!slots.includes(slot)) slots.push(slot);
      if (this.#unshipped.includes(slot)) break;
    }
    // Every language of the header is one the user asked for.
    const asked = accepted.map((id) => this.#narrow(id)).filter((s) => s !== null);
    return { requested, head: this.#narrow(requested), asked, slots };
  }

}

/** The shapes of the shipped catalogs, for `parseResponse` without a catalog's export at hand. */
const DEFAULT_SHAPES = new Map([
  ["mobizon", "mobizon"],
  ["planfix", "planfix"],
  ["mobizon-recipient", "item"],
]);

/**
 * Reads a raw response as errcat's `ApiResponse::parse` does, with the same
 * rules (src/response.rs): Planfix keys in any case (`result`, `code`,
 * `error`), a Planfix success without a code (`number` null), Mobizon's
 * `{code, data, message}` with per-recipient items in `data`, a lone item
 * `{recipient, code}`; a body is attributed to an API only on evidence. A
 * code is a JSON number with an integer value from 0 to 2^32 - 1 or a
 * string of digits. `shapes` maps catalog ids to their shapes (from the
 * export); the shipped ones by default.
 */
export function parseResponse(json, catalog, shapes = DEFAULT_SHAPES) {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new ErrcatError("invalid-json", `invalid JSON: ${e.message}`);
    }
  }
  const invalid = (message, problem) => {
    const error = new ErrcatError("invalid-response", `invalid response: ${message}`);
    error.problem = problem;
    return error;
  };
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalid(`expected a JSON object, got a value of type ${kindOf(value)}`, "not-object");
  }
  const keys = keysOf(value);
  if (catalog !== undefined && catalog !== null) {
    if (!shapes.has(catalog)) {
      throw new ErrcatError("unknown-catalog", `unknown catalog ${shown(String(catalog))}: known catalogs are ${[...shapes.keys()].join(", ")}`);
    }
    const other = keys.contradicts(shapes.get(catalog));
    if (other !== null) {
      throw invalid(`the field \`${other}\` shows the response is not from the ${catalog} catalog`, "not-from-catalog");
    }
  } else {
    catalog = detect(keys, invalid, shapes);
  }
  const shape = shapes.get(catalog);
  const badCode = () =>
    invalid(`\`code\` must be a code number from 0 to ${MAX_CODE}, got ${shownJson(JSON.stringify(keys.anyCase("code") ?? null))}`, "bad-code");
  const noCodeField = () => invalid(`no \`code\` field for the ${catalog} catalog`, "no-code-field");
  if (shape === "planfix") {
    const result = keys.anyCase("result");
    const message = keys.text(keys.anyCase("error")) ?? keys.text(keys.anyCase("message"));
    const success = typeof result === "string" && trim(result).toLowerCase() === "success";
    const raw = keys.anyCase("code");
    let number = null;
    if (raw === undefined || (raw === null && success)) {
      if (!success) throw noCodeField();
    } else {
      number = readCode(raw);
      if (number === null) throw badCode();
    }
    return { catalog, number, message, data: null, result: result === undefined ? null : result, recipients: [] };
  }
  if (shape === "mobizon") {
    if (!keys.has("code")) throw noCodeField();
    const number = readCode(value.code);
    if (number === null) throw badCode();
    const data = keys.has("data") ? value.data : null;
    const recipients = Array.isArray(data)
      ? data
          .slice(0, MAX_RECIPIENTS)
          .filter((item) => item !== null && typeof item === "object" && !Array.isArray(item) && Object.hasOwn(item, "recipient"))
          .map(recipientOf)
      : [];
    return { catalog, number, message: keys.text(keys.has("message") ? value.message : undefined), data, result: null, recipients };
  }
  // An item of a per-recipient answer, pasted alone.
  if (!keys.has("code")) throw noCodeField();
  const item = recipientOf(value);
  if (item.code === null) throw badCode();
  return { catalog, number: item.code, message: null, data: null, result: null, recipients: [item] };
}

/** The largest recipients array read from one response, as in the library. */
const MAX_RECIPIENTS = 100000;

/** An object's keys, looked up as the vendors' contracts allow. */
function keysOf(object) {
  const own = Object.keys(object);
  const keys = {
    has: (key) => Object.hasOwn(object, key),
    entries: () => own.map((k) => [k, object[k]]),
    /** `key` in any ASCII case, the exact spelling first. */
    anyCase(key) {
      if (Object.hasOwn(object, key)) return object[key];
      const found = own.find((k) => asciiLower(k) === key);
      return found === undefined ? undefined : object[found];
    },
    hasAnyCase: (key) => keys.anyCase(key) !== undefined || own.some((k) => asciiLower(k) === key),
    planfix() {
      if (keys.hasAnyCase("result")) return "result";
      if (keys.hasAnyCase("error")) return "error";
      if (keys.has("Code")) return "Code";
      return null;
    },
    mobizon() {
      if (!keys.has("code")) return null;
      if (keys.has("data")) return "data";
      if (keys.has("message")) return "message";
      return null;
    },
    item: () => keys.has("recipient"),
    contradicts(shape) {
      if (shape === "planfix") return keys.item() ? "recipient" : null;
      if (keys.hasAnyCase("result")) return "result";
      if (keys.has("Code")) return "Code";
      return null;
    },
    /** The server's text: a string as it is, anything else as JSON; null for absent, null or blank. */
    text(v) {
      if (v === undefined || v === null) return null;
      const text = typeof v === "string" ? v : rustJson(v);
      return trim(text) === "" ? null : text;
    },
  };
  return keys;
}

/** `k` with ASCII letters lower-cased only, as Rust's `eq_ignore_ascii_case`. */
function asciiLower(k) {
  return k.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Which API sent the object, on evidence only. */
function detect(keys, invalid) {
  const planfix = keys.planfix();
  const mobizon = keys.mobizon();
  const item = keys.item();
  if (planfix === "result") return "planfix";
  if (planfix !== null && mobizon === null && !item) return "planfix";
  if (planfix === null && mobizon !== null && !item) return "mobizon";
  if (planfix === null && mobizon === null && item) return "mobizon-recipient";
  if (planfix === null && mobizon === null && !item) {
    if (keys.has("code")) {
      const number = readCode(keys.anyCase("code"));
      if (number === null) {
        throw invalid(`\`code\` must be a code number from 0 to ${MAX_CODE}, got ${shownJson(JSON.stringify(keys.anyCase("code")))}`, "bad-code");
      }
      throw invalid(
        `the keys do not say which API sent it: \`code\` ${number} is mobizon:${number} or planfix:${number}; name the API`,
        "ambiguous",
      );
    }
    throw invalid(wrappedIn(keys) ?? "no `code` field", wrappedIn(keys) === null ? "no-code" : "wrapped");
  }
  throw invalid("the keys belong to more than one API; name the API", "mixed");
}

/** The message for a client's wrapper (`{"response": {...}}`), or null. */
function wrappedIn(keys) {
  for (const [key, inner] of keys.entries()) {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) continue;
    const k = keysOf(inner);
    // A wrapped body carries a code: Planfix's partial-update `{"failures": {…, "error": …}}` is no wrapper.
    if ((k.planfix() !== null || k.mobizon() !== null || k.item()) && k.anyCase("code") !== undefined) {
      return `the API's response is wrapped in the field ${shown(key)}: explain the object inside it`;
    }
  }
  return null;
}

/** A JSON value as the library writes a non-string server text (serde_json, compact). */
const rustJson = (v) => JSON.stringify(v);

/** An item `{recipient, code, messageId}`: numbers shown as their digits. */
function recipientOf(item) {
  const text = (key) => {
    if (!Object.hasOwn(item, key) || item[key] === null) return null;
    return typeof item[key] === "string" ? item[key] : rustJson(item[key]);
  };
  const read = { recipient: text("recipient"), code: Object.hasOwn(item, "code") ? readCode(item.code) : null };
  const messageId = text("messageId");
  if (messageId !== null) read.messageId = messageId;
  return read;
}

/** A code: an integer JSON number from 0 to 2^32 - 1, or a string of digits. */
function readCode(raw) {
  if (typeof raw === "number" && Number.isInteger(raw) && raw >= 0 && raw <= MAX_CODE) return raw === 0 ? 0 : raw;
  if (typeof raw === "string" && raw.length <= 10 && /^[0-9]+$/.test(raw) && Number(raw) <= MAX_CODE) return Number(raw);
  return null;
}

function kindOf(value) {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  return { boolean: "boolean", number: "number", string: "string" }[typeof value] ?? "object";
}

/**
 * A JSON text as errcat shows it in messages: as it is, with what JSON
 * leaves unescaped (DEL, C1 controls, bidi controls) escaped, cut at 64
 * characters.
 */
function shownJson(json) {
  const chars = Array.from(json);
  const escaped = chars
    .slice(0, 64)
    .map((c) => (/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(c) ? `\\u{${c.codePointAt(0).toString(16)}}` : c))
    .join("");
  const more = chars.length > 64 ? `… (${utf8.encode(json).length} bytes)` : "";
  return `${escaped}${more}`;
}

/** An outside string as errcat shows it in messages: Rust's `{:?}`, cut at 64 characters. */
function shown(input) {
  const chars = Array.from(input ?? "null");
  const escaped = chars
    .slice(0, 64)
    .map((c) => {
      if (c === "\\" || c === '"') return `\\${c}`;
      if (c === "\n") return "\\n";
      if (c === "\r") return "\\r";
      if (c === "\t") return "\\t";
      if (/\p{Cc}/u.test(c)) return `\\u{${c.codePointAt(0).toString(16)}}`;
      return c;
    })
    .join("");
  const more = chars.length > 64 ? `… (${utf8.encode(input).length} bytes)` : "";
  return `"${escaped}"${more}`;
}
