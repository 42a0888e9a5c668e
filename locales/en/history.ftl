# Payment history, payment details and invoices (English)
history-title = 🧾 <b>Payment History</b> (page { $page }/{ $pages })
history-empty = 🧾 No payments yet. Make your first Coin Premium top-up now.
history-item =
    <b>{ $number }.</b> { $date }
        { $amount } · { $method } · { $status }
history-button = { $date } · { $amount } · { $status }
history-tap-hint = Tap a payment to see its details and invoice.
history-back = ◀ Back
history-detail =
    🧾 <b>Payment details</b>
    Reference: <code>{ $reference }</code>
    Amount: <b>{ $amount }</b>
    Method: { $method }
    Status: { $status }
    Created: { $created }
history-detail-paid = Paid: { $paid }
history-detail-invoice = Invoice: { $number }
history-detail-reason = Reason: { $reason }
invoice-button = 🧾 Invoice
invoice-caption = Invoice Coin Premium { $number }
invoice-not-found = Invoice not found.

store-current = Your store name: <b>{ $name }</b>
    To change it: <code>/toko New Store Name</code>
store-none = No store name yet. Type <code>/toko Your Store Name</code> to show it on invoices.
store-saved = ✅ Store name saved: <b>{ $name }</b>. It will appear on your next invoices.
store-too-long = That store name is too long (at most { $max } characters). Please try again.
cmd-toko = Store name for invoices
