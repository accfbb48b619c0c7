import { decodeEntities, escapeAttribute, escapeText, tokenize } from "./html.js";

/**
 * Reduces an HTML description to what one channel accepts: an allowlist of elements, a fixed few attributes, images
 * only from the hosts the marketplace serves. Everything it emits is rebuilt from tokens (names, escaped text,
 * validated attributes), so nothing of the input passes through verbatim: no scripts, styles, event handlers,
 * `javascript:` URLs, comments or links to other sites survive.
 */
export interface HtmlPolicy {
  /** Allowed element names, lowercase. Only names from SAFE_TAGS are ever honoured. */
  tags: readonly string[];
  /** Hosts (and their subdomains) an <img> may point at. Empty: no images, even if "img" is allowed. */
  imageHosts: readonly string[];
  /** Source URL -> the same picture in the channel's own store; such images are shown from the store. */
  imageSources?: ReadonlyMap<string, string>;
}

export interface SanitizeReport {
  html: string;
  /** Elements removed together with their content (script, style, iframe, form controls, ...). */
  removedElements: string[];
  /** Links (<a>) whose text was kept but whose target was removed. */
  removedLinks: number;
  /** Image URLs dropped because they are not on an allowed host, or not http(s). */
  droppedImages: string[];
  /** Attributes removed from allowed elements (event handlers, style, class, ...). */
  removedAttributes: string[];
}

const TABLE_PARTS = ["table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"];

/** Every element a policy may allow; anything else (even if a policy names it) is treated as not allowed. */
export const SAFE_TAGS: ReadonlySet<string> = new Set([
  "p",
  "br",
  "ul",
  "ol",
  "li",
  "strong",
  "em",
  "b",
  "i",
  "u",
  "img",
  "h2",
  "h3",
  "h4",
  ...TABLE_PARTS,
]);

/** Removed with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "noscript",
  "noembed",
  "noframes",
  "template",
  "head",
  "title",
  "meta",
  "link",
  "base",
  "textarea",
  "select",
  "option",
  "button",
  "input",
  "svg",
  "math",
  "audio",
  "video",
  "canvas",
  "map",
  "xmp",
  "param",
  "source",
  "track",
]);

const VOID = new Set(["br", "img", "hr", "wbr", "input", "meta", "link", "base", "area", "col", "source", "track"]);

/** Block elements that become paragraphs (or line breaks) when they are not allowed themselves. */
const BLOCKS = new Set([
  "div",
  "section",
  "article",
  "header",
  "footer",
  "aside",
  "main",
  "nav",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "figure",
  "figcaption",
  "address",
  "pre",
  "center",
  "dd",
  "dt",
  "details",
  "summary",
  "fieldset",
  "form",
  "caption",
]);

/** Elements that may not sit inside an open <p>: opening one closes the paragraph. */
const CLOSES_P = new Set(["p", "ul", "ol", "table", "h2", "h3", "h4"]);

/** Allowed attributes per element; values are checked by `attribute()`. */
const ATTRIBUTES: Record<string, readonly string[]> = {
  img: ["src", "alt", "width", "height"],
  td: ["colspan", "rowspan"],
  th: ["colspan", "rowspan"],
};

export function sanitizeHtml(html: string, policy: HtmlPolicy): SanitizeReport {
  const allowed = new Set(policy.tags.filter((t) => SAFE_TAGS.has(t)));
  if (allowed.has("table")) for (const t of TABLE_PARTS) allowed.add(t);
  const report: SanitizeReport = {
    html: "",
    removedElements: [],
    removedLinks: 0,
    droppedImages: [],
    removedAttributes: [],
  };
  const removed = new Set<string>();
  const removedAttrs = new Set<string>();
  const out: string[] = [];
  const stack: string[] = [];
  /** Depth inside an element dropped with its content (end tags of the same name count down). */
  let dropping: { name: string; depth: number } | null = null;

  const emitOpen = (name: string, attrs = "") => {
    if (name === "li") closeUpTo("li", ["ul", "ol"]);
    if (name === "tr") closeUpTo("tr", ["table", "thead", "tbody", "tfoot"]);
    if (name === "td" || name === "th") {
      closeUpTo("td", ["tr", "table"]);
      closeUpTo("th", ["tr", "table"]);
    }
    if (CLOSES_P.has(name)) closeUpTo("p", ["li", "td", "th", "ul", "ol", "table"]);
    out.push(`<${name}${attrs}>`);
    stack.push(name);
  };
  /** Closes `name` if it is open above every element in `barriers`. */
  const closeUpTo = (name: string, barriers: string[]) => {
    for (let k = stack.length - 1; k >= 0; k--) {
      const open = stack[k]!;
      if (open === name) {
        closeTo(k);
        return;
      }
      if (barriers.includes(open)) return;
    }
  };
  const closeTo = (index: number) => {
    while (stack.length > index) out.push(`</${stack.pop()}>`);
  };
  const emitClose = (name: string) => {
    const k = stack.lastIndexOf(name);
    if (k !== -1) closeTo(k);
  };
  /** What an element becomes under this policy: itself, an equivalent, a paragraph, or nothing (unwrapped). */
  const mapped = (name: string): string | null => {
    if (allowed.has(name)) return name;
    const equivalent: Record<string, string> = { b: "strong", strong: "b", i: "em", em: "i", ol: "ul", th: "td" };
    const alt = equivalent[name];
    if (alt && allowed.has(alt)) return alt;
    if ((BLOCKS.has(name) || name === "li" || name === "tr") && allowed.has("p")) return "p";
    return null;
  };

  for (const token of tokenize(html)) {
    if (dropping) {
      if (token.type === "start" && token.name === dropping.name && !token.selfClosing) dropping.depth++;
      if (token.type === "end" && token.name === dropping.name && --dropping.depth === 0) dropping = null;
      continue;
    }
    switch (token.type) {
      case "comment":
      case "raw":
        break;
      case "text":
        out.push(escapeText(decodeEntities(token.text)));
        break;
      case "start": {
        const name = token.name;
        if (DROP_WITH_CONTENT.has(name)) {
          removed.add(name);
          if (!VOID.has(name) && !token.selfClosing && !["script", "style", "textarea", "title"].includes(name)) {
            dropping = { name, depth: 1 };
          }
          break;
        }
        if (name === "a") {
          report.removedLinks++;
          break;
        }
        let imageSource: string | undefined;
        if (name === "img") {
          const given = token.attrs.find(([k]) => k === "src")?.[1] ?? "";
          const src = policy.imageSources?.get(given.trim()) ?? given;
          if (!allowed.has("img") || !imageAllowed(src, policy.imageHosts)) {
            if (src) report.droppedImages.push(src);
            break;
          }
          imageSource = src;
        }
        const target = mapped(name);
        if (!target) {
          if ((name === "br" || name === "hr") && allowed.has("br")) out.push("<br>");
          else if (
            BLOCKS.has(name) ||
            name === "li" ||
            name === "tr" ||
            name === "td" ||
            name === "th" ||
            name === "hr"
          )
            out.push(allowed.has("br") && name !== "td" && name !== "th" ? "<br>" : " ");
          break;
        }
        const attrs = (ATTRIBUTES[target] ?? [])
          .map((key) =>
            attribute(
              target,
              key,
              key === "src" && imageSource !== undefined
                ? imageSource
                : (token.attrs.find(([k]) => k === key)?.[1] ?? null),
            ),
          )
          .join("");
        for (const [key] of token.attrs) if (!(ATTRIBUTES[target] ?? []).includes(key)) removedAttrs.add(key);
        if (VOID.has(target)) out.push(`<${target}${attrs}>`);
        else emitOpen(target, attrs);
        break;
      }
      case "end": {
        const name = token.name;
        if (VOID.has(name) || name === "a") break;
        const target = mapped(name);
        if (target) emitClose(target);
        else if (BLOCKS.has(name) && allowed.has("br")) out.push("<br>");
        break;
      }
    }
  }
  closeTo(0);
  report.html = out
    .join("")
    .replace(/<(p|strong|em|b|i|u|li|ul|ol)>\s*<\/\1>/g, "")
    .replace(/(<br>\s*){3,}/g, "<br><br>")
    .trim();
  report.removedElements = [...removed];
  report.removedAttributes = [...removedAttrs];
  return report;
}

function attribute(element: string, key: string, value: string | null): string {
  if (value === null) return "";
  if (key === "width" || key === "height" || key === "colspan" || key === "rowspan") {
    return /^\d{1,4}$/.test(value.trim()) ? ` ${key}="${value.trim()}"` : "";
  }
  if (element === "img" && key === "src") return ` src="${escapeAttribute(value.trim())}"`;
  return ` ${key}="${escapeAttribute(value)}"`;
}

/** Only http(s) URLs on one of the hosts (or a subdomain of one). */
export function imageAllowed(src: string, hosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(src.trim());
  } catch {
    return false;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return false;
  const host = url.hostname.toLowerCase();
  return hosts.some((h) => host === h.toLowerCase() || host.endsWith(`.${h.toLowerCase()}`));
}
