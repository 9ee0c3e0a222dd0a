import { CATALOGUE_ENTRIES, type CatalogueEntry } from './catalogue';
import { extractErrorCodes, isDeviceRegistrationCode, normaliseErrorCode } from './error-codes';

export { extractErrorCodes, normaliseErrorCode, toSignedDecimal } from './error-codes';

/** One catalogue entry the text plausibly refers to. */
export interface ExplainMatch {
  readonly entry: CatalogueEntry;
  /** 0–1; codes and ids score 1, phrases by weighted token coverage. */
  readonly score: number;
  /** What matched: `code:0x801C0042 (-2145648574)`, `phrase:"your credentials didn't work"`, `id:DNS_UNRESOLVABLE`. */
  readonly matchedOn: readonly string[];
}

/** Minimum phrase coverage that counts as a match; below it the explainer says nothing rather than guess. */
const PHRASE_THRESHOLD = 0.6;
/** An unknown device-registration HRESULT only points at the generic extension troubleshooting. */
const CODE_FAMILY_SCORE = 0.5;

const stopwords = new Set(
  `a an the to of for from in on at by with and or is are was were be been being it its this that these those i me my
   mine you your yours we our us they them he she his her do does did done says say said saying get gets got getting
   message error when while im re s ve ll d m just so then there what which please can could would should will shall
   has have had some any all as if but up out about into`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** Words every RDP sign-in message shares (stemmed): they can't tell entries apart, so they weigh little. */
const domainWords = new Set(['remot', 'desktop', 'connect', 'rdp', 'vm', 'azur', 'window', 'machin', 'virtual', 'devic', 'sign', 'microsoft', 'entra', 'fail']);
const DOMAIN_WORD_WEIGHT = 0.3;

/**
 * Lower-cases, folds smart quotes and compatibility characters, expands negative contractions ("didn't" → "did not",
 * "can't"/"cannot" → "can not") and turns punctuation into spaces.
 */
export function normaliseMessageText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‛′`´]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/\bcan'?t\b|\bcannot\b/g, 'can not')
    .replace(/\bwon'?t\b/g, 'will not')
    .replace(/\b(is|are|was|were|do|does|did|could|would|should|has|have|had)n'?t\b/g, '$1 not')
    .replace(/'(re|s|ve|ll|d|m)\b/g, ' $1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A light suffix stemmer: enough for "using"/"use", "configured"/"configure", "connection"/"connect". */
function stem(word: string): string {
  if (/^\d/.test(word)) return word;
  let w = word;
  if (w.length > 4) {
    const stripped = w.replace(/(ations|ation|ions|ion|ings|ing|ed|es|s)$/, '');
    if (stripped.length >= 3) w = stripped;
  }
  if (w.length >= 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Content tokens of a text: normalised, stop words dropped, stemmed. */
export function contentTokens(text: string): string[] {
  return normaliseMessageText(text)
    .split(' ')
    .filter((w) => w !== '' && !stopwords.has(w))
    .map(stem);
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? Math.max(a.length, b.length);
}

/** 1 for the same token, 0.8 for a typo of a long word (edit distance 1, or 2 from eight letters), else 0. */
function tokenSimilarity(phraseToken: string, inputTokens: ReadonlySet<string>): number {
  if (inputTokens.has(phraseToken)) return 1;
  if (phraseToken.length < 5 || /\d/.test(phraseToken)) return 0;
  const allowed = phraseToken.length >= 8 ? 2 : 1;
  for (const t of inputTokens) {
    if (Math.abs(t.length - phraseToken.length) <= allowed && levenshtein(t, phraseToken) <= allowed) return 0.8;
  }
  return 0;
}

interface PhraseIndex {
  readonly entries: readonly CatalogueEntry[];
  readonly weights: ReadonlyMap<string, number>;
  readonly phraseTokens: ReadonlyMap<string, readonly string[]>;
  readonly codes: ReadonlyMap<string, readonly CatalogueEntry[]>;
}

const indexCache = new WeakMap<readonly CatalogueEntry[], PhraseIndex>();

/** Token weights by inverse entry frequency: "device" says less than "PKU2U". */
function indexOf(entries: readonly CatalogueEntry[]): PhraseIndex {
  const cached = indexCache.get(entries);
  if (cached) return cached;
  const phraseTokens = new Map<string, readonly string[]>();
  const documentFrequency = new Map<string, number>();
  const codes = new Map<string, CatalogueEntry[]>();
  for (const entry of entries) {
    const seen = new Set<string>();
    for (const phrase of entry.matchers.phrases) {
      const tokens = contentTokens(phrase);
      phraseTokens.set(phrase, tokens);
      tokens.forEach((t) => seen.add(t));
    }
    seen.forEach((t) => documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1));
    for (const code of entry.matchers.codes) {
      const canonical = normaliseErrorCode(code);
      if (canonical === null) continue;
      codes.set(canonical, [...(codes.get(canonical) ?? []), entry]);
    }
  }
  const weights = new Map<string, number>();
  documentFrequency.forEach((df, token) =>
    weights.set(token, (1 + Math.log(entries.length / df)) * (domainWords.has(token) ? DOMAIN_WORD_WEIGHT : 1)),
  );
  const index = { entries, weights, phraseTokens, codes };
  indexCache.set(entries, index);
  return index;
}

/**
 * Weighted share of the phrase's tokens found in the input. A fuzzy match needs two distinctive (non-domain) words:
 * "remote desktop connection failed" shares three words with the consent prompt, none of them telling.
 */
function scorePhrase(tokens: readonly string[], input: ReadonlySet<string>, weights: ReadonlyMap<string, number>): number {
  let total = 0;
  let matched = 0;
  let distinctiveHits = 0;
  for (const token of tokens) {
    const weight = weights.get(token) ?? 1;
    const similarity = tokenSimilarity(token, input);
    total += weight;
    matched += weight * similarity;
    if (similarity > 0 && !domainWords.has(token)) distinctiveHits++;
  }
  return distinctiveHits >= 2 && total > 0 ? matched / total : 0;
}

/** The whole phrase, word for word after normalisation: the message as the user saw it. */
function containsPhrase(normalisedInput: string, phrase: string): boolean {
  const p = normaliseMessageText(phrase);
  return p !== '' && ` ${normalisedInput} `.includes(` ${p} `);
}

/**
 * Ranks the catalogue entries a pasted error plausibly means: by error code in any form (1007, -2145648574, 0x801C0042,
 * 801c0042, DSREG_E_MSI_TENANTID_UNAVAILABLE, AADSTS293004), by finding code, and by fuzzy phrase match on the message
 * (case, punctuation, smart quotes, contractions, light stemming, typos). Returns [] when nothing is plausible.
 */
export function explainError(text: string, entries: readonly CatalogueEntry[] = CATALOGUE_ENTRIES): ExplainMatch[] {
  const index = indexOf(entries);
  const scores = new Map<CatalogueEntry, { score: number; matchedOn: string[] }>();
  const note = (entry: CatalogueEntry, score: number, reason: string): void => {
    const current = scores.get(entry);
    if (current === undefined) {
      scores.set(entry, { score, matchedOn: [reason] });
      return;
    }
    // Two independent signals (a code and the message) make the match more certain.
    current.score = Math.min(1, Math.max(current.score, score) + 0.05);
    current.matchedOn.push(reason);
  };

  for (const found of extractErrorCodes(text)) {
    const hits = index.codes.get(found.canonical);
    const label = found.raw.toUpperCase() === found.canonical ? found.canonical : `${found.canonical} (${found.raw})`;
    if (hits) {
      hits.forEach((entry) => note(entry, 1, `code:${label}`));
    } else if (isDeviceRegistrationCode(found.canonical)) {
      const generic = entries.find((e) => e.id === 'EXTENSION_FAILED_UNKNOWN');
      if (generic) note(generic, CODE_FAMILY_SCORE, `code-family:${label}`);
    }
  }

  for (const match of text.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/gi)) {
    const id = match[0].toUpperCase();
    const entry = entries.find((e) => e.id === id);
    if (entry) note(entry, 1, `id:${id}`);
  }

  const inputTokens = new Set(contentTokens(text));
  const normalisedInput = normaliseMessageText(text);
  if (inputTokens.size > 0) {
    for (const entry of entries) {
      let best = 0;
      let bestPhrase = '';
      for (const phrase of entry.matchers.phrases) {
        const score = containsPhrase(normalisedInput, phrase)
          ? 1
          : scorePhrase(index.phraseTokens.get(phrase) ?? [], inputTokens, index.weights);
        if (score > best) {
          best = score;
          bestPhrase = phrase;
        }
      }
      if (best >= PHRASE_THRESHOLD) note(entry, Math.round(best * 100) / 100, `phrase:"${bestPhrase}"`);
    }
  }

  const order = new Map(entries.map((e, i) => [e, i]));
  return [...scores.entries()]
    .map(([entry, { score, matchedOn }]) => ({ entry, score, matchedOn }))
    .sort((a, b) => b.score - a.score || (order.get(a.entry) ?? 0) - (order.get(b.entry) ?? 0));
}
