# Main menu and general texts (English)
menu-topup = 💰 Top Up Coin Premium
menu-balance = 👛 Balance
menu-status = 🔄 Payment Status
menu-history = 🧾 Payment History
menu-help = ❓ Help

start-greeting =
    Hello, <b>{ $name }</b>! 👋
    I am the <b>Coin Premium</b> payment assistant. Coin Premium is the deposit that pays for Kasir Pintar Pro and Plugin subscriptions.

    Here you can top up Coin Premium with an e-wallet, QRIS or a bank virtual account and see your balance, payment status and history.
    Choose from the menu below:
menu-prompt = Choose from the menu:

help-text =
    <b>Help</b>

    <b>How to top up Coin Premium</b>
    1. Type /topup or choose <i>Top Up Coin Premium</i>.
    2. Choose an amount (or <i>Other amount</i>), then a payment method, then <i>Continue</i>.
    3. Pay:
    • <i>E-Wallet → OVO</i>: enter your OVO phone number, tap <b>OK</b>, then tap <b>Bayar</b> on the <i>Konfirmasi Pembayaran</i> notification in the OVO app within about 60 seconds.
    • <i>E-Wallet → DANA, ShopeePay, LinkAja</i>: tap the <i>Pay with …</i> button and finish in the app.
    • <i>QRIS</i>: scan the QR code I send with any bank or e-wallet app.
    • <i>Virtual Account</i>: transfer exactly the amount to the account number I send (ATM or mobile banking).
    4. I will tell you as soon as the payment succeeds; your Coin Premium balance grows at once.
    After your first top-up, the <i>🔁 Top up again</i> button in the menu repeats it with one confirmation.

    <b>Commands</b>
    /topup — top up Coin Premium
    /saldo — Coin Premium balance
    /status — payments in progress
    /riwayat — payment history and invoices
    /toko — store name printed on invoices
    /pengumuman — receive announcements again
    /batal — cancel what is in progress
    /language — change language (Indonesia / English)

language-prompt = Choose a language:
language-changed = ✅ Language changed to English.

cancel-done = Cancelled. No payment was made.
cancel-nothing = Nothing is in progress.
stale-button = This button is no longer active.
unknown-command = Unknown command. Type /bantuan to see what I can do.
unknown-text = I did not understand that. Choose from the menu below or type /bantuan.
error-generic = Sorry, something went wrong on our side. Please try again in a moment.

balance-text =
    👛 <b>Coin Premium balance</b>
    { $balance }

cmd-start = Start and show the menu
cmd-topup = Top up Coin Premium
cmd-saldo = Coin Premium balance
cmd-status = Payment status
cmd-riwayat = Payment history and invoices
cmd-bantuan = Help and how to pay
cmd-batal = Cancel what is in progress
cmd-language = Ganti bahasa / Change language
