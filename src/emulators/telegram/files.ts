import { createHash } from "node:crypto";
import { extname } from "node:path";

export type FileKind = "document" | "photo";

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  file_name?: string;
  mime_type?: string;
  bytes: Buffer;
}

export interface Upload {
  bytes: Buffer;
  filename?: string;
  mimeType?: string;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  ".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
  ".webp": "image/webp", ".txt": "text/plain", ".csv": "text/csv", ".json": "application/json", ".zip": "application/zip",
  ".mp4": "video/mp4", ".mp3": "audio/mpeg", ".ogg": "audio/ogg",
};

const FOLDER: Record<FileKind, string> = { document: "documents", photo: "photos" };
const ID_PREFIX: Record<FileKind, string> = { document: "BQACAgIAAx", photo: "AgACAgIAAx" };

/** Files the bot uploaded, addressable by file_id (to re-send) and by file_path (to download). */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private count = 0;

  add(kind: FileKind, upload: Upload): StoredFile {
    const n = ++this.count;
    const extension = extname(upload.filename ?? "") || (kind === "photo" ? ".jpg" : "");
    const file: StoredFile = {
      // Telegram gives identical bytes the same unique id, whatever the upload.
      file_unique_id: `AQAD${createHash("sha256").update(upload.bytes).digest("base64url").slice(0, 12)}`,
      file_id: `${ID_PREFIX[kind]}${n.toString().padStart(6, "0")}`,
      file_path: `${FOLDER[kind]}/file_${n}${extension}`,
      bytes: upload.bytes,
      ...(kind === "document" && { file_name: upload.filename ?? `file_${n}` }),
      ...(kind === "document" && { mime_type: mimeTypeOf(upload) }),
    };
    this.byId.set(file.file_id, file);
    this.byPath.set(file.file_path, file);
    return file;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  atPath(path: string): StoredFile | undefined {
    return this.byPath.get(path);
  }
}

/** grammY labels every upload application/octet-stream; Telegram, like us, goes by the file name then. */
function mimeTypeOf(upload: Upload): string {
  if (upload.mimeType && upload.mimeType !== "application/octet-stream") return upload.mimeType;
  return MIME_BY_EXTENSION[extname(upload.filename ?? "").toLowerCase()] ?? "application/octet-stream";
}
