/**
 * Every way to pay, and each one's rules in one place: which gateway API serves it, what Xendit calls it, the
 * amounts it takes, how long the payer has, and whether an unpaid one can be cancelled. Handlers and texts read
 * these rules; nothing else hardcodes a method.
 */

/** What the merchant does: approve a push in the app (OVO), open a checkout, scan a QR, or transfer to an account. */
export type MethodFlow = "push" | "redirect" | "qr" | "va";
/** The choices of the method step: E-Wallet, QRIS, Virtual Account. */
export type MethodGroup = "ewallet" | "qris" | "va";

export const methodIds = ["OVO", "DANA", "SHOPEEPAY", "LINKAJA", "QRIS", "BCA_VA", "BNI_VA", "BRI_VA", "MANDIRI_VA", "PERMATA_VA"] as const;
export type MethodId = (typeof methodIds)[number];

export interface PaymentMethod {
  id: MethodId;
  group: MethodGroup;
  flow: MethodFlow;
  /** "ewallet": the e-wallet charges API (OVO's push stays there); "v3": Payments API v3 payment requests. */
  api: "ewallet" | "v3";
  /** Xendit's channel_code, stored on the top-up: a top-up's method is found by it. */
  channelCode: string;
  /** The brand as merchants know it (the same in both languages). */
  name: string;
  /** Whole rupiah, inclusive. */
  min: number;
  max: number;
  /** How long the payer has (sent to the gateway as expires_at); null: the gateway's own push timeout (OVO, ~60 s). */
  expiresInMinutes: number | null;
  /** An unpaid one is cancelled at the gateway when the merchant cancels or starts another top-up. */
  cancellable: boolean;
}

const MINUTES_PER_DAY = 24 * 60;

/**
 * Limits: OVO 10.000–10.000.000 is ours (docs: 100–20.000.000, "xendit-ovo"); QRIS 1–10.000.000 ("docs/qris");
 * virtual accounts to 50.000.000 (Xendit's per-bank pages allow more; larger shops pay big top-ups by transfer).
 * The minimum of 10.000 is Coin Premium's smallest top-up everywhere. Expiries are ours: a QR or checkout is paid
 * within minutes or not at all, while an ATM transfer may wait for a trip to the bank.
 */
const catalog: readonly PaymentMethod[] = [
  { id: "OVO", group: "ewallet", flow: "push", api: "ewallet", channelCode: "ID_OVO", name: "OVO", min: 10_000, max: 10_000_000, expiresInMinutes: null, cancellable: false },
  { id: "DANA", group: "ewallet", flow: "redirect", api: "v3", channelCode: "DANA", name: "DANA", min: 10_000, max: 10_000_000, expiresInMinutes: 15, cancellable: true },
  { id: "SHOPEEPAY", group: "ewallet", flow: "redirect", api: "v3", channelCode: "SHOPEEPAY", name: "ShopeePay", min: 10_000, max: 10_000_000, expiresInMinutes: 15, cancellable: true },
  { id: "LINKAJA", group: "ewallet", flow: "redirect", api: "v3", channelCode: "LINKAJA", name: "LinkAja", min: 10_000, max: 10_000_000, expiresInMinutes: 15, cancellable: true },
  { id: "QRIS", group: "qris", flow: "qr", api: "v3", channelCode: "QRIS", name: "QRIS", min: 10_000, max: 10_000_000, expiresInMinutes: 30, cancellable: true },
  ...(
    [
      ["BCA_VA", "BCA_VIRTUAL_ACCOUNT", "BCA"],
      ["BNI_VA", "BNI_VIRTUAL_ACCOUNT", "BNI"],
      ["BRI_VA", "BRI_VIRTUAL_ACCOUNT", "BRI"],
      ["MANDIRI_VA", "MANDIRI_VIRTUAL_ACCOUNT", "Mandiri"],
      ["PERMATA_VA", "PERMATA_VIRTUAL_ACCOUNT", "Permata"],
    ] as const
  ).map(
    ([id, channelCode, name]): PaymentMethod => ({
      id,
      group: "va",
      flow: "va",
      api: "v3",
      channelCode,
      name,
      min: 10_000,
      max: 50_000_000,
      expiresInMinutes: MINUTES_PER_DAY,
      cancellable: true,
    }),
  ),
];

const byId = new Map(catalog.map((method) => [method.id, method]));
const byChannel = new Map(catalog.map((method) => [method.channelCode, method]));

export function methodById(id: MethodId): PaymentMethod {
  return byId.get(id)!;
}

export function isMethodId(value: string): value is MethodId {
  return byId.has(value as MethodId);
}

/** The method of a top-up, by its stored channel code; rows from before this catalog are all OVO's. */
export function methodOfChannel(channelCode: string): PaymentMethod {
  return byChannel.get(channelCode) ?? byId.get("OVO")!;
}

/** Why a method cannot take an amount, or undefined when it can. */
export type Unavailable = { reason: "below_min"; min: number } | { reason: "above_max"; max: number };

export function unavailableFor(method: PaymentMethod, amount: number): Unavailable | undefined {
  if (amount < method.min) return { reason: "below_min", min: method.min };
  if (amount > method.max) return { reason: "above_max", max: method.max };
  return undefined;
}

/**
 * The methods an operator enabled (PAYMENT_METHODS), in the catalog's order. Everything the bot offers comes from
 * here; the amount step's limits are those of the enabled methods together.
 */
export class PaymentMethods {
  readonly enabled: readonly PaymentMethod[];

  constructor(ids: readonly MethodId[]) {
    this.enabled = catalog.filter((method) => ids.includes(method.id));
    if (this.enabled.length === 0) throw new RangeError("no payment method enabled");
  }

  static all(): PaymentMethods {
    return new PaymentMethods(methodIds);
  }

  isEnabled(id: MethodId): boolean {
    return this.enabled.some((method) => method.id === id);
  }

  inGroup(group: MethodGroup): PaymentMethod[] {
    return this.enabled.filter((method) => method.group === group);
  }

  groups(): MethodGroup[] {
    return [...new Set(this.enabled.map((method) => method.group))];
  }

  get min(): number {
    return Math.min(...this.enabled.map((method) => method.min));
  }

  get max(): number {
    return Math.max(...this.enabled.map((method) => method.max));
  }
}

/** "OVO,QRIS,VA" → ids; a group name (EWALLET, VA) stands for all its methods. Unknown names are errors. */
export function parseMethodList(value: string): { ok: true; ids: MethodId[] } | { ok: false; unknown: string } {
  const ids = new Set<MethodId>();
  for (const part of value.split(",").map((p) => p.trim().toUpperCase()).filter(Boolean)) {
    const group = ({ EWALLET: "ewallet", "E-WALLET": "ewallet", VA: "va", QRIS: "qris" } as const)[part];
    if (group) for (const method of catalog.filter((m) => m.group === group)) ids.add(method.id);
    else if (isMethodId(part)) ids.add(part);
    else return { ok: false, unknown: part };
  }
  return { ok: true, ids: [...ids] };
}
