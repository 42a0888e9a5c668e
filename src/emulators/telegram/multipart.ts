import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import { ApiError, badRequest } from "./errors.js";
import type { Upload } from "./files.js";

export interface RequestBody {
  params: Record<string, unknown>;
  uploads: Map<string, Upload>;
}

/** Telegram's upload limit for bots. */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

const tooLarge = (): ApiError => new ApiError(413, "Request Entity Too Large");

/**
 * Reads parameters the ways Telegram accepts them: query string, JSON, urlencoded or multipart/form-data.
 * Multipart goes through busboy because grammY writes compact part headers (`content-disposition:form-data;…`)
 * that Node's own Request.formData() rejects.
 */
export async function readRequestBody(req: IncomingMessage, url: URL): Promise<RequestBody> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "multipart/form-data") {
    const form = await readMultipart(req);
    return { params: { ...params, ...form.params }, uploads: form.uploads };
  }
  const raw = (await readAll(req)).toString("utf8");
  if (raw.trim() === "") return { params, uploads: new Map() };
  if (type === "application/x-www-form-urlencoded") {
    return { params: { ...params, ...Object.fromEntries(new URLSearchParams(raw)) }, uploads: new Map() };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw badRequest("can't parse JSON request body");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw badRequest("request body must be a JSON object");
  return { params: { ...params, ...(json as Record<string, unknown>) }, uploads: new Map() };
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function readMultipart(req: IncomingMessage): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const params: Record<string, unknown> = {};
    const uploads = new Map<string, Upload>();
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: MAX_BODY_BYTES } });
    } catch (error) {
      reject(badRequest(`can't parse multipart/form-data: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    parser.on("field", (name, value) => {
      params[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => reject(tooLarge()));
      stream.on("end", () => {
        uploads.set(name, { bytes: Buffer.concat(chunks), filename: info.filename, mimeType: info.mimeType });
      });
    });
    parser.on("error", (error) => reject(badRequest(`can't parse multipart/form-data: ${error instanceof Error ? error.message : String(error)}`)));
    parser.on("close", () => resolve({ params, uploads }));
    req.on("error", reject);
    req.pipe(parser);
  });
}
