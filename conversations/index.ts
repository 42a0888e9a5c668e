import { ADJUST_CONVERSATION_VERSION } from "./adjust.js";
import { BROADCAST_CONVERSATION_VERSION } from "./broadcast.js";
import { RESOLVE_CONVERSATION_VERSION } from "./resolve.js";
import { TOPUP_CONVERSATION_VERSION } from "./topup.js";

/**
 * The version of all stored conversation state. The plugin keeps one version for its whole storage, so it
 * changes whenever any conversation's does; states saved under another version are dropped, not replayed.
 */
export const CONVERSATIONS_VERSION = `topup-${TOPUP_CONVERSATION_VERSION}.broadcast-${BROADCAST_CONVERSATION_VERSION}.adjust-${ADJUST_CONVERSATION_VERSION}.resolve-${RESOLVE_CONVERSATION_VERSION}`;
