# Main menu and general texts (English)
menu-topup = 💰 Top Up Coin Premium
menu-balance = 👛 Balance
menu-status = 🔄 Payment Status
menu-history = 🧾 Payment History
menu-help = ❓ Help

start-greeting =
    Hello, <b>{ $name }</b>! 👋
    I am the <b>Coin Premium</b> payment assistant. Coin Premium is the deposit that pays for Kasir Pintar Pro and Plugin subscriptions.

    Here you can top up Coin Premium with OVO and see your balance, payment status and history.
    Choose from the menu below:
menu-prompt = Choose from the menu:

help-text =
    <b>Help</b>

    <b>How to top up Coin Premium with OVO</b>
    1. Type /topup or choose <i>Top Up Coin Premium</i>.
    2. Choose an amount (or <i>Other amount</i>), then <i>E-Wallet</i> → <i>OVO</i>, then <i>Continue</i>.
    3. Enter the active phone number registered with OVO and tap <b>OK</b>.
    4. Open the <i>Konfirmasi Pembayaran</i> notification in the OVO app and tap <b>Bayar</b> within about 60 seconds.
    5. I will tell you as soon as the payment succeeds; your Coin Premium balance grows at once.

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
cmd-topup = Top up Coin Premium with OVO
cmd-saldo = Coin Premium balance
cmd-status = Payment status
cmd-riwayat = Payment history and invoices
cmd-bantuan = Help and how to pay
cmd-batal = Cancel what is in progress
cmd-language = Ganti bahasa / Change language
