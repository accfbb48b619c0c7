/**
 * Incremental scanner for a JSON array of elements, so a large JSON file is read element by element without holding
 * the document. It accepts either a top-level array or a top-level object whose `key` member is that array (the seed
 * file layout: {"exporter": ..., "products": [...]}); other members are skipped. It tracks nesting, strings and escapes
 * only, and hands each element's text to JSON.parse: a malformed element is that element's problem, while broken
 * structure (unbalanced brackets, truncated file) is reported with its line and column.
 */
export interface ScannedElement {
  index: number;
  /** 1-based line and column where the element starts. */
  line: number;
  column: number;
  text: string;
}

export class JsonStructureError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} at line ${line}, column ${column}`);
    this.name = "JsonStructureError";
  }
}

const OPEN_OBJ = 0x7b; // {
const CLOSE_OBJ = 0x7d; // }
const OPEN_ARR = 0x5b; // [
const CLOSE_ARR = 0x5d; // ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff;

export class JsonArrayScanner {
  private stack: number[] = [];
  private inString = false;
  private escape = false;
  private line = 1;
  private column = 0;
  private rootSeen = false;
  private rootClosed = false;
  private rootIsObject = false;
  /** Stack depth at which elements live (inside the target array); -1 until the array is found. */
  private targetDepth = -1;
  private targetDone = false;
  // Member names of the root object.
  private expectKey = false;
  private keyParts: string[] | null = null;
  private keyStart = 0;
  private currentKey: string | null = null;
  // The element being captured.
  private parts: string[] | null = null;
  private partStart = 0;
  private elementLine = 0;
  private elementColumn = 0;
  private index = 0;

  constructor(private readonly key = "products") {}

  /** Feeds the next chunk of text; returns the elements it completed. */
  push(chunk: string): ScannedElement[] {
    const out: ScannedElement[] = [];
    if (this.parts) this.partStart = 0;
    if (this.keyParts) this.keyStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) {
        this.line++;
        this.column = 0;
      } else {
        this.column++;
      }
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyParts) {
            this.keyParts.push(chunk.slice(this.keyStart, i));
            this.currentKey = decodeKey(this.keyParts.join(""));
            this.keyParts = null;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (this.rootClosed) throw this.error("unexpected text after the end of the JSON document");
      const depth = this.stack.length;
      const atElementLevel = depth === this.targetDepth && !this.targetDone;

      if (!this.rootSeen) {
        if (c === OPEN_ARR) {
          this.rootSeen = true;
          this.stack.push(c);
          this.targetDepth = 1;
          continue;
        }
        if (c === OPEN_OBJ) {
          this.rootSeen = true;
          this.rootIsObject = true;
          this.expectKey = true;
          this.stack.push(c);
          continue;
        }
        throw this.error(`expected a JSON array of products or an object with a "${this.key}" array`);
      }

      if (atElementLevel) {
        if (c === COMMA) {
          if (!this.parts) throw this.error("missing element before comma");
          out.push(this.finishElement(chunk, i));
          continue;
        }
        if (c === CLOSE_ARR) {
          if (this.parts) out.push(this.finishElement(chunk, i));
          else if (this.index > 0) throw this.error("trailing comma before ]");
          this.stack.pop();
          this.targetDone = true;
          if (this.stack.length === 0) this.rootClosed = true;
          continue;
        }
        if (!this.parts) {
          // Anything up to the next comma at this level belongs to the element; JSON.parse judges it.
          this.parts = [];
          this.partStart = i;
          this.elementLine = this.line;
          this.elementColumn = this.column;
        }
      }

      switch (c) {
        case QUOTE:
          this.inString = true;
          if (this.rootIsObject && depth === 1 && this.expectKey) {
            this.keyParts = [];
            this.keyStart = i + 1;
          }
          break;
        case OPEN_OBJ:
        case OPEN_ARR:
          if (this.rootIsObject && depth === 1) {
            if (this.expectKey) throw this.error("expected a member name");
            if (this.currentKey === this.key && this.targetDepth === -1) {
              if (c !== OPEN_ARR) throw this.error(`"${this.key}" must be an array`);
              this.stack.push(c);
              this.targetDepth = 2;
              break;
            }
          }
          this.stack.push(c);
          break;
        case CLOSE_OBJ:
        case CLOSE_ARR: {
          const open = this.stack.pop();
          if (open === undefined || (open === OPEN_OBJ) !== (c === CLOSE_OBJ))
            throw this.error(`unexpected "${String.fromCharCode(c)}"`);
          if (this.stack.length === 0) this.rootClosed = true;
          break;
        }
        case COMMA:
          if (this.rootIsObject && depth === 1) this.expectKey = true;
          break;
        case COLON:
          if (this.rootIsObject && depth === 1) this.expectKey = false;
          break;
        default:
          break;
      }
    }
    if (this.parts) this.parts.push(chunk.slice(this.partStart));
    if (this.keyParts) this.keyParts.push(chunk.slice(this.keyStart));
    return out;
  }

  /** Call at end of input: throws when the document is incomplete or holds no product array. */
  end(): void {
    if (!this.rootSeen) throw this.error("the file is empty");
    if (this.inString || this.stack.length > 0)
      throw this.error("unexpected end of file (unclosed string, object or array)");
    if (this.targetDepth === -1) throw this.error(`no "${this.key}" array found`);
  }

  private finishElement(chunk: string, end: number): ScannedElement {
    const parts = this.parts!;
    parts.push(chunk.slice(this.partStart, end));
    this.parts = null;
    return { index: this.index++, line: this.elementLine, column: this.elementColumn, text: parts.join("").trimEnd() };
  }

  private error(message: string): JsonStructureError {
    return new JsonStructureError(message, this.line, this.column);
  }
}

function decodeKey(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
