import type { MessageEntity } from "grammy/types";
import { badRequest, type ApiError } from "./errors.js";

/**
 * Telegram's HTML parse mode, ported from TDLib's `parse_html` so that the emulator rejects exactly what Telegram
 * rejects (a stray `<` in a merchant's name is the classic production bug) and reports it with the same words.
 */

export interface FormattedText {
  text: string;
  entities?: MessageEntity[];
}

const SUPPORTED_TAGS = new Set([
  "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins",
  "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote",
]);

const SIMPLE_ENTITY: Record<string, MessageEntity["type"]> = {
  b: "bold", strong: "bold", i: "italic", em: "italic", u: "underline", ins: "underline",
  s: "strikethrough", strike: "strikethrough", del: "strikethrough", "tg-spoiler": "spoiler", span: "spoiler",
};

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  argument: string;
  expandable: boolean;
  offset: number;
}

export function parseHtml(html: string): FormattedText {
  const at = (i: number): string => html[i] ?? "\0";
  const isSpace = (c: string): boolean => c === " " || c === "\t" || c === "\r" || c === "\n" || c === "\0" || c === "\v";
  const fail = (reason: string): ApiError => badRequest(`can't parse entities: ${reason}`);
  const byteOffset = (i: number): number => Buffer.byteLength(html.slice(0, i), "utf8");

  let text = "";
  let decodedSurrogate = false;
  const entities: MessageEntity[] = [];
  const open: OpenTag[] = [];

  for (let i = 0; i < html.length; i++) {
    const c = at(i);
    if (c === "&") {
      const decoded = decodeEntity(html, i);
      if (decoded) {
        text += String.fromCodePoint(decoded.code);
        decodedSurrogate ||= decoded.code >= 0xd800 && decoded.code <= 0xdfff;
        i = decoded.end - 1;
        continue;
      }
    }
    if (c !== "<") {
      text += c;
      continue;
    }

    const begin = i++;
    if (at(i) !== "/") {
      while (!isSpace(at(i)) && at(i) !== ">") i++;
      if (i >= html.length) throw fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);
      const name = html.slice(begin + 1, i).toLowerCase();
      if (!SUPPORTED_TAGS.has(name)) throw fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(begin)}`);

      let argument = "";
      let expandable = false;
      while (at(i) !== ">") {
        while (i < html.length && isSpace(at(i))) i++;
        if (at(i) === ">") break;
        const attributeBegin = i;
        while (!isSpace(at(i)) && at(i) !== "=" && at(i) !== ">") i++;
        const attribute = html.slice(attributeBegin, i);
        if (attribute === "") throw fail(`Empty attribute name in the tag "${name}" at byte offset ${byteOffset(begin)}`);
        while (i < html.length && isSpace(at(i))) i++;
        if (at(i) !== "=") {
          if (name === "blockquote" && attribute === "expandable") {
            expandable = true;
            continue;
          }
          throw fail(`Expected equal sign in declaration of an attribute of the tag "${name}" at byte offset ${byteOffset(begin)}`);
        }
        i++;
        while (i < html.length && isSpace(at(i))) i++;
        if (i >= html.length) throw fail(`Unclosed start tag "${name}" at byte offset ${byteOffset(begin)}`);

        let value = "";
        const quote = at(i);
        if (quote !== "'" && quote !== '"') {
          const tokenBegin = i;
          while (/[A-Za-z0-9.-]/.test(at(i))) i++;
          value = html.slice(tokenBegin, i).toLowerCase();
          if (!isSpace(at(i)) && at(i) !== ">") throw fail(`Unexpected end of name token at byte offset ${byteOffset(tokenBegin)}`);
        } else {
          i++;
          while (i < html.length && at(i) !== quote) {
            const decoded = at(i) === "&" ? decodeEntity(html, i) : undefined;
            if (decoded) {
              value += String.fromCodePoint(decoded.code);
              i = decoded.end;
            } else {
              value += at(i++);
            }
          }
          if (at(i) === quote) i++;
        }
        if (i >= html.length) throw fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`);

        if (name === "a" && attribute === "href") argument = value;
        else if (name === "code" && attribute === "class" && value.startsWith("language-")) argument = value.slice(9);
        else if (name === "span" && attribute === "class" && value.startsWith("tg-")) argument = value.slice(3);
        else if (name === "tg-emoji" && attribute === "emoji-id") argument = value;
      }
      if (name === "span" && argument !== "spoiler") {
        throw fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(begin)}`);
      }
      open.push({ name, argument, expandable, offset: text.length });
      continue;
    }

    const top = open.at(-1);
    if (!top) throw fail(`Unexpected end tag at byte offset ${byteOffset(begin)}`);
    while (!isSpace(at(i)) && at(i) !== ">") i++;
    const endName = html.slice(begin + 2, i).toLowerCase();
    while (i < html.length && isSpace(at(i))) i++;
    if (at(i) !== ">") throw fail(`Unclosed end tag at byte offset ${byteOffset(begin)}`);
    if (endName !== "" && endName !== top.name) {
      throw fail(`Unmatched end tag at byte offset ${byteOffset(begin)}, expected "</${top.name}>", found "</${endName}>"`);
    }
    open.pop();
    if (text.length > top.offset) {
      const entity = closeEntity(top, text, entities.at(-1));
      if (entity instanceof Error) throw fail(entity.message);
      if (entity) entities.push(entity);
    }
  }

  const unclosed = open.at(-1);
  if (unclosed) throw fail(`Can't find end tag corresponding to start tag ${unclosed.name}`);
  if (decodedSurrogate && /\p{Cs}/u.test(text)) {
    throw fail("Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units");
  }
  // A language survives only on <pre><code class="language-…">; a lone <code class> is plain code.
  const finished = entities.map((e) => (e.type === "code" ? { type: e.type, offset: e.offset, length: e.length } : e));
  return finished.length > 0 ? { text, entities: sortEntities(finished) } : { text };
}

/**
 * The entity a closed tag produces; `previous` matters because `<pre><code class="language-x">` is one entity.
 * Returns undefined when the tag yields nothing (a link whose URL Telegram would not accept).
 */
function closeEntity(tag: OpenTag, text: string, previous: MessageEntity | undefined): MessageEntity | Error | undefined {
  const offset = tag.offset;
  const length = text.length - offset;
  const samePlace = previous !== undefined && previous.offset === offset && previous.length === length;
  const simple = SIMPLE_ENTITY[tag.name];
  if (simple) return { type: simple, offset, length } as MessageEntity;
  switch (tag.name) {
    case "tg-emoji":
      if (!/^\d+$/.test(tag.argument) || BigInt(tag.argument) === 0n) return new Error("Invalid custom emoji identifier specified");
      return { type: "custom_emoji", offset, length, custom_emoji_id: tag.argument };
    case "a": {
      const url = checkedLink(tag.argument || text.slice(offset));
      return url === undefined ? undefined : { type: "text_link", offset, length, url };
    }
    case "pre":
      if (samePlace && previous.type === "code" && "language" in previous) {
        Object.assign(previous, { type: "pre" });
        return undefined;
      }
      return { type: "pre", offset, length };
    case "code":
      if (samePlace && previous.type === "pre" && tag.argument !== "") {
        Object.assign(previous, { language: tag.argument });
        return undefined;
      }
      return tag.argument === "" ? { type: "code", offset, length } : ({ type: "code", offset, length, language: tag.argument } as MessageEntity);
    case "blockquote":
      return { type: tag.expandable ? "expandable_blockquote" : "blockquote", offset, length };
    default:
      return undefined;
  }
}

/** TDLib's decode_html_entity: numeric references and four named ones; anything else stays literal text. */
function decodeEntity(html: string, pos: number): { code: number; end: number } | undefined {
  let end = pos + 1;
  let code = 0;
  if (html[end] === "#") {
    end++;
    const hex = html[end] === "x";
    if (hex) end++;
    const digits = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    while (end < html.length && digits.test(html[end] ?? "")) {
      code = code * (hex ? 16 : 10) + parseInt(html[end] ?? "0", hex ? 16 : 10);
      end++;
    }
    if (code === 0 || code >= 0x10ffff || end - pos >= 10) return undefined;
  } else {
    while (end < html.length && /[A-Za-z]/.test(html[end] ?? "")) end++;
    const named = NAMED_ENTITIES[html.slice(pos + 1, end)];
    if (named === undefined) return undefined;
    code = named.charCodeAt(0);
  }
  return { code, end: html[end] === ";" ? end + 1 : end };
}

function checkedLink(url: string): string | undefined {
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `http://${url}`;
  return URL.canParse(candidate) ? candidate : undefined;
}

const PRIORITY: Partial<Record<MessageEntity["type"], number>> = {
  blockquote: 0, expandable_blockquote: 0, pre: 11, code: 20, text_link: 49, text_mention: 49,
  bold: 90, italic: 91, underline: 92, strikethrough: 93, spoiler: 94, custom_emoji: 99,
};

/** Telegram's entity order: by offset, longer first, then by type priority. */
export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return [...entities].sort(
    (a, b) => a.offset - b.offset || b.length - a.length || (PRIORITY[a.type] ?? 50) - (PRIORITY[b.type] ?? 50),
  );
}
