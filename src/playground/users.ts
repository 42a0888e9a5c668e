/** The people of the playground: a few merchants and one admin, each with an OVO number of their own. */
export interface SimulatedUser {
  id: number;
  firstName: string;
  lastName?: string;
  /** Telegram client language, which the bot answers in. */
  languageCode: "id" | "en";
  /** E.164; shared (without the +, as Telegram does) by the "share my number" button. */
  phone: string;
  admin: boolean;
  /** Short description for the switcher, in Indonesian. */
  role: string;
}

export const PLAYGROUND_ADMIN_ID = 700_009;

export const simulatedUsers: readonly SimulatedUser[] = [
  { id: 700_001, firstName: "Sari", lastName: "Wulandari", languageCode: "id", phone: "+6281234567890", admin: false, role: "Toko Sembako Sari · ID" },
  { id: 700_002, firstName: "Budi", lastName: "Santoso", languageCode: "en", phone: "+6285712345678", admin: false, role: "Kopi Budi · EN" },
  { id: 700_003, firstName: "Ani", lastName: "Rahmawati", languageCode: "id", phone: "+6281398765432", admin: false, role: "Warung Ani · ID" },
  { id: PLAYGROUND_ADMIN_ID, firstName: "Rudi", lastName: "(Admin)", languageCode: "id", phone: "+6281100001111", admin: true, role: "Admin Kasir Pintar" },
];
