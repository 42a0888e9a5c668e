import type { MessageEntity } from "grammy/types";
import { badRequest } from "./errors.js";
import { parseHtml, sortEntities, type FormattedText } from "./html.js";
import type { Params } from "./params.js";

export type { FormattedText } from "./html.js";

const TEXT_LIMIT = 4096;
const CAPTION_LIMIT = 1024;

interface TextField {
  field: string;
  entitiesField: string;
  limit: number;
  tooLong: string;
}

const MESSAGE_TEXT: TextField = { field: "text", entitiesField: "entities", limit: TEXT_LIMIT, tooLong: "message is too long" };
const CAPTION: TextField = { field: "caption", entitiesField: "caption_entities", limit: CAPTION_LIMIT, tooLong: "message caption is too long" };

/** The `text` of sendMessage / editMessageText as Telegram stores it: parsed, trimmed, 1..4096 characters. */
export function readMessageText(params: Params): FormattedText {
  const text = readFormatted(params, MESSAGE_TEXT);
  if (text === undefined || text.text === "") throw badRequest("message text is empty");
  return text;
}

/** An optional caption; undefined when absent or empty (Telegram then stores no caption). */
export function readCaption(params: Params): FormattedText | undefined {
  const caption = readFormatted(params, CAPTION);
  return caption?.text === "" ? undefined : caption;
}

function readFormatted(params: Params, spec: TextField): FormattedText | undefined {
  const source = params.string(spec.field);
  if (source === undefined) return undefined;
  const formatted = trim(parse(source, params, spec.entitiesField));
  // Telegram counts characters (code points), not UTF-16 units.
  if ([...formatted.text].length > spec.limit) throw badRequest(spec.tooLong);
  return formatted;
}

function parse(source: string, params: Params, entitiesField: string): FormattedText {
  const entities = params.json(entitiesField, "entities");
  if (entities !== undefined) return { text: source, entities: validateEntities(entities, source) };
  const mode = params.string("parse_mode") ?? "";
  switch (mode.toLowerCase()) {
    case "":
      return { text: source };
    case "html":
      return parseHtml(source);
    case "markdown":
    case "markdownv2":
      // Deliberately not emulated: the project formats with HTML, and a half-faithful Markdown parser would
      // let through exactly the escaping bugs Telegram rejects.
      throw badRequest(`can't parse entities: parse_mode ${mode} is not supported by the emulator; use HTML`);
    default:
      throw badRequest("unsupported parse_mode");
  }
}

function validateEntities(value: unknown, text: string): MessageEntity[] | undefined {
  if (!Array.isArray(value)) throw badRequest("can't parse entities JSON object");
  for (const entity of value as unknown[]) {
    const e = entity as Partial<MessageEntity> | null;
    if (typeof e !== "object" || e === null || typeof e.type !== "string" || !Number.isInteger(e.offset) || !Number.isInteger(e.length)) {
      throw badRequest("can't parse entities JSON object");
    }
  }
  const entities = (value as MessageEntity[]).filter((e) => e.length > 0 && e.offset >= 0 && e.offset + e.length <= text.length);
  return entities.length > 0 ? sortEntities(entities) : undefined;
}

/** Telegram strips leading and trailing whitespace from texts and captions, moving entities along. */
function trim({ text, entities }: FormattedText): FormattedText {
  const start = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const end = start + trimmed.length;
  if (start === 0 && end === text.length) return entities ? { text, entities } : { text };
  const moved = (entities ?? []).flatMap((e) => {
    const from = Math.max(e.offset, start);
    const to = Math.min(e.offset + e.length, end);
    return to > from ? [{ ...e, offset: from - start, length: to - from }] : [];
  });
  return moved.length > 0 ? { text: trimmed, entities: moved } : { text: trimmed };
}

// TDLib's bot command pattern: /cmd (1-64 chars) with an optional @botname, not glued to words or to / < >.
const BOT_COMMAND = /(?<![\p{L}\p{N}_/<>])\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\p{L}\p{N}_/<>@])/gu;

/** The bot_command entities Telegram attaches to a text a user sends. */
export function botCommandEntities(text: string): MessageEntity[] {
  return [...text.matchAll(BOT_COMMAND)].map((m) => ({ type: "bot_command", offset: m.index, length: m[0].length }));
}
