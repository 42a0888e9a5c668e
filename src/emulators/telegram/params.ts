import { badRequest } from "./errors.js";

/**
 * Typed access to a method's parameters. Telegram accepts the same parameter as a JSON value or as a string (query
 * string, urlencoded and multipart bodies carry only strings), so every getter accepts both. The coerced value is
 * written back, which makes the call log look the same whichever encoding the bot used.
 */
export class Params {
  private readonly values: Record<string, unknown>;

  constructor(values: Record<string, unknown>) {
    this.values = { ...values };
  }

  /** The parameters as the handler understood them, for the call log. */
  snapshot(): Record<string, unknown> {
    return { ...this.values };
  }

  has(name: string): boolean {
    return this.values[name] !== undefined && this.values[name] !== null;
  }

  raw(name: string): unknown {
    return this.values[name] ?? undefined;
  }

  string(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return this.store(name, String(value));
    throw badRequest(`field "${name}" must be of type String`);
  }

  int(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (typeof value === "number" && Number.isInteger(value)) return value;
    if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return this.store(name, Number(value));
    throw badRequest(`field "${name}" must be of type Integer`);
  }

  requireInt(name: string, whenMissing = `${name} is empty`): number {
    const value = this.int(name);
    if (value === undefined) throw badRequest(whenMissing);
    return value;
  }

  bool(name: string): boolean {
    const value = this.raw(name);
    if (value === undefined) return false;
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "1" || value === 1) return this.store(name, true);
    if (value === "false" || value === "0" || value === 0 || value === "") return this.store(name, false);
    throw badRequest(`field "${name}" must be of type Boolean`);
  }

  /** A JSON-typed parameter (object or array); `what` names it in Telegram's "can't parse … JSON object" error. */
  json(name: string, what = name): unknown {
    const value = this.raw(name);
    if (typeof value !== "string") return value;
    try {
      return this.store(name, JSON.parse(value) as unknown);
    } catch {
      throw badRequest(`can't parse ${what} JSON object`);
    }
  }

  private store<T>(name: string, value: T): T {
    this.values[name] = value;
    return value;
  }
}
