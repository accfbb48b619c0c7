/**
 * A small HTML tokenizer and the entity helpers the sanitizer, the glossary and the translation pipeline share.
 * It is not a full HTML5 parser: it reads what product descriptions hold (tags, attributes, text, comments) and never
 * lets a malformed fragment turn into markup on the way out (everything it emits is rebuilt and escaped).
 */

export type HtmlToken =
  | { type: "text"; text: string }
  | { type: "start"; name: string; attrs: [string, string | null][]; selfClosing: boolean }
  | { type: "end"; name: string }
  /** The content of a raw-text element (script, style, textarea, ...), never parsed as markup. */
  | { type: "raw"; text: string }
  /** Comments, doctypes, CDATA and processing instructions: always dropped by consumers. */
  | { type: "comment" };

/** Elements whose content is raw text up to the matching end tag. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"]);

const TAG_NAME = /^[A-Za-z][A-Za-z0-9:-]*/;

export function tokenize(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let text = "";
  const flush = () => {
    if (text) tokens.push({ type: "text", text });
    text = "";
  };
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt === -1) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt);
    i = lt;
    const next = html[i + 1] ?? "";
    if (html.startsWith("<!--", i)) {
      flush();
      const end = html.indexOf("-->", i + 4);
      tokens.push({ type: "comment" });
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (html.startsWith("<![CDATA[", i)) {
      flush();
      const end = html.indexOf("]]>", i + 9);
      tokens.push({ type: "comment" });
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (next === "!" || next === "?") {
      flush();
      const end = html.indexOf(">", i + 2);
      tokens.push({ type: "comment" });
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (next === "/") {
      const name = TAG_NAME.exec(html.slice(i + 2, i + 66))?.[0];
      if (!name) {
        text += "<";
        i += 1;
        continue;
      }
      flush();
      const end = html.indexOf(">", i + 2 + name.length);
      tokens.push({ type: "end", name: name.toLowerCase() });
      i = end === -1 ? n : end + 1;
      continue;
    }
    const name = TAG_NAME.exec(html.slice(i + 1, i + 65))?.[0];
    if (!name) {
      text += "<";
      i += 1;
      continue;
    }
    flush();
    const parsed = readAttributes(html, i + 1 + name.length);
    if (!parsed) break; // an unterminated tag at the end: dropped, never emitted as text or markup
    const lower = name.toLowerCase();
    tokens.push({ type: "start", name: lower, attrs: parsed.attrs, selfClosing: parsed.selfClosing });
    i = parsed.end;
    if (RAW_TEXT.has(lower) && !parsed.selfClosing) {
      const close = new RegExp(`</${lower}(?=[\\s/>])`, "i").exec(html.slice(i));
      const stop = close ? i + close.index : n;
      tokens.push({ type: "raw", text: html.slice(i, stop) });
      i = stop;
    }
  }
  flush();
  return tokens;
}

function readAttributes(
  html: string,
  from: number,
): { attrs: [string, string | null][]; selfClosing: boolean; end: number } | null {
  const attrs: [string, string | null][] = [];
  let i = from;
  const n = html.length;
  const isSpace = (c: string | undefined) => c === " " || c === "\n" || c === "\t" || c === "\r" || c === "\f";
  for (;;) {
    while (i < n && (isSpace(html[i]) || (html[i] === "/" && html[i + 1] !== ">"))) i++;
    if (i >= n) return null;
    if (html[i] === ">") return { attrs, selfClosing: false, end: i + 1 };
    if (html[i] === "/" && html[i + 1] === ">") return { attrs, selfClosing: true, end: i + 2 };
    let j = i;
    while (j < n && !isSpace(html[j]) && html[j] !== "=" && html[j] !== ">" && html[j] !== "/") j++;
    const name = html.slice(i, j).toLowerCase();
    i = j;
    while (i < n && isSpace(html[i])) i++;
    if (html[i] !== "=") {
      if (name) attrs.push([name, null]);
      continue;
    }
    i++;
    while (i < n && isSpace(html[i])) i++;
    const quote = html[i];
    let value: string;
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, i + 1);
      if (close === -1) return null;
      value = html.slice(i + 1, close);
      i = close + 1;
    } else {
      let k = i;
      while (k < n && !isSpace(html[k]) && html[k] !== ">") k++;
      value = html.slice(i, k);
      i = k;
    }
    if (name) attrs.push([name, decodeEntities(value)]);
  }
}

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  shy: "\u00ad",
  copy: "©",
  reg: "®",
  trade: "™",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  bull: "•",
  middot: "·",
  deg: "°",
  times: "×",
  divide: "÷",
  plusmn: "±",
  frac12: "½",
  frac14: "¼",
  frac34: "¾",
  micro: "µ",
  euro: "€",
  pound: "£",
  yen: "¥",
  cent: "¢",
  sect: "§",
  para: "¶",
  prime: "′",
  Prime: "″",
};

/** Decodes named (the common ones), decimal and hex character references; unknown names stay as written. */
export function decodeEntities(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?/g, (match, ref: string) => {
    if (ref.startsWith("#")) {
      const code =
        ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
      return String.fromCodePoint(code);
    }
    return match.endsWith(";") && NAMED[ref] !== undefined ? NAMED[ref] : match;
  });
}

export function escapeText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;");
}

/** Plain text of an HTML fragment: tags dropped (block ends become spaces), entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  for (const t of tokenize(html)) {
    if (t.type === "text") parts.push(decodeEntities(t.text));
    else if (t.type === "start" || t.type === "end") parts.push(INLINE.has(t.name) ? "" : " ");
  }
  return parts.join("").replace(/\s+/g, " ").trim();
}

const INLINE = new Set(["b", "strong", "i", "em", "u", "span", "a", "small", "sup", "sub", "font", "mark", "code"]);
