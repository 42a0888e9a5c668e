import type { PaymentRequest } from "./types.js";

/**
 * The e-wallet's checkout as the payer's browser sees it, in the emulator: what is asked, and Bayar / Batal. The
 * real page belongs to DANA, ShopeePay or LinkAja; this one only has to let a person (or the playground) decide.
 */

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const rupiah = (amount: number) => `Rp${amount.toLocaleString("id-ID")}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem}form{display:inline}button{font-size:1rem;padding:.5rem 1.5rem;margin-right:.5rem}</style>
</head><body>${body}</body></html>`;
}

export function checkoutPage(request: PaymentRequest): string {
  const id = encodeURIComponent(request.payment_request_id);
  const heading = `<h1>${escape(request.channel_code)}</h1><p class="amount">${escape(rupiah(request.request_amount))}</p>`;
  if (request.status !== "REQUIRES_ACTION") return page(request.channel_code, `${heading}<p class="status">Status: ${escape(request.status)}</p>`);
  return page(
    request.channel_code,
    `${heading}<p>${escape(request.description ?? "")}</p>
<form method="post" action="/v3/checkout/${id}/approve"><button type="submit" name="action" value="approve">Bayar</button></form>
<form method="post" action="/v3/checkout/${id}/decline"><button type="submit" name="action" value="decline">Batal</button></form>`,
  );
}

/** After Bayar or Batal: where the e-wallet would send the payer back (our return URL). */
export function checkoutDonePage(request: PaymentRequest): string {
  const paid = request.status === "SUCCEEDED";
  const back = request.channel_properties[paid ? "success_return_url" : "failure_return_url"];
  const link = back ? `<p><a href="${escape(back)}">Kembali ke aplikasi</a></p>` : "";
  return page(request.channel_code, `<h1>${paid ? "Pembayaran berhasil" : "Pembayaran dibatalkan"}</h1><p class="status">Status: ${escape(request.status)}</p>${link}`);
}

export function checkoutRefusedPage(message: string): string {
  return page("Checkout", `<h1>Tidak dapat diproses</h1><p>${escape(message)}</p>`);
}
