import { badRequest, conflict } from "../errors.js";
import type { Method } from "./common.js";

const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

const getMe: Method = ({ state }) => state.botInfo;

const getUpdates: Method = ({ state, params, signal }) => {
  if (state.webhook.active) {
    throw conflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
  }
  return state.updates.poll({
    offset: params.int("offset"),
    limit: params.int("limit"),
    timeoutMs: Math.max(params.int("timeout") ?? 0, 0) * 1000,
    signal,
  });
};

const setWebhook: Method = async ({ state, params }) => {
  const url = params.string("url") ?? "";
  if (params.bool("drop_pending_updates")) state.updates.clear();
  if (url === "") {
    await state.webhook.stop();
    return true;
  }
  // Telegram insists on HTTPS; the emulator delivers to local test servers, so plain HTTP is fine too.
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  const secretToken = params.string("secret_token");
  if (secretToken !== undefined && !SECRET_TOKEN.test(secretToken)) {
    throw badRequest("secret token contains unallowed characters");
  }
  const maxConnections = params.int("max_connections");
  await state.webhook.set({
    url,
    ...(secretToken !== undefined && { secretToken }),
    ...(maxConnections !== undefined && { maxConnections }),
  });
  return true;
};

const deleteWebhook: Method = async ({ state, params }) => {
  await state.webhook.stop();
  if (params.bool("drop_pending_updates")) state.updates.clear();
  return true;
};

const getWebhookInfo: Method = ({ state }) => state.webhook.info();

export const updateMethods: Record<string, Method> = { getMe, getUpdates, setWebhook, deleteWebhook, getWebhookInfo };
