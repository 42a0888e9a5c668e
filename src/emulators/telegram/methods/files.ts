import type { Document, File, PhotoSize } from "grammy/types";
import { badRequest } from "../errors.js";
import type { FileKind, StoredFile } from "../files.js";
import type { MessageContent } from "../state.js";
import { readCaption } from "../text.js";
import { sendFromBot, targetChat, type Method, type MethodContext } from "./common.js";

const sendDocument: Method = (ctx) => {
  const chat = targetChat(ctx);
  const file = resolveInputFile(ctx, "document", "document");
  const document: Document = {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    file_size: file.bytes.length,
    ...(file.file_name !== undefined && { file_name: file.file_name }),
    ...(file.mime_type !== undefined && { mime_type: file.mime_type }),
  };
  return sendFromBot(ctx, chat, { document, ...captionContent(ctx) });
};

const sendPhoto: Method = (ctx) => {
  const chat = targetChat(ctx);
  const file = resolveInputFile(ctx, "photo", "photo");
  // Telegram returns several resized copies; one is enough here, and the image is never decoded, hence no size.
  const photo: PhotoSize[] = [{ file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.bytes.length, width: 0, height: 0 }];
  return sendFromBot(ctx, chat, { photo, ...captionContent(ctx) });
};

const getFile: Method = ({ state, params }): File => {
  const file = state.files.get(params.string("file_id") ?? "");
  if (!file) throw badRequest("invalid file_id");
  return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.bytes.length, file_path: file.file_path };
};

function captionContent(ctx: MethodContext): MessageContent {
  const caption = readCaption(ctx.params);
  return caption ? { caption: caption.text, caption_entities: caption.entities } : {};
}

/**
 * An InputFile parameter: `attach://<part>` (how grammY uploads), a file part under the parameter's own name (how
 * curl -F uploads), or the file_id of a file sent before.
 */
function resolveInputFile(ctx: MethodContext, field: string, kind: FileKind): StoredFile {
  const value = ctx.params.string(field);
  const upload = value?.startsWith("attach://") ? ctx.uploads.get(value.slice("attach://".length)) : ctx.uploads.get(field);
  if (upload) return ctx.state.files.add(kind, upload);
  if (value === undefined || value.startsWith("attach://")) throw badRequest(`there is no ${field} in the request`);
  const existing = ctx.state.files.get(value);
  if (!existing) throw badRequest("wrong file identifier/HTTP URL specified");
  return existing;
}

export const fileMethods: Record<string, Method> = { sendDocument, sendPhoto, getFile };
