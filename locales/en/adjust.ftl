# Admin: /koreksi (manual credit or debit of Coin Premium) and /audit (English)
cmd-koreksi = Correct a merchant's Coin Premium balance (admin)
cmd-audit = Audit log of admin actions (admin)

adjust-cancel-button = ✖️ Cancel
adjust-confirm-button = ✅ Confirm
adjust-ask-merchant =
    🛠 <b>Balance correction</b>
    Which merchant? Send their Telegram ID (e.g. <code>5001</code>) or username (e.g. <code>@tokosari</code>).
adjust-merchant-not-found = No merchant <b>{ $query }</b> found. Send the Telegram ID or @username of a merchant who has used this bot.
adjust-merchant-line = { $name }{ $username } (ID { $id }) · Store: { $store }
adjust-no-store = —
adjust-ask-amount =
    Merchant: { $merchant }
    Current balance: <b>{ $balance }</b>

    How much? Whole rupiah with a sign: <code>+50000</code> adds, <code>-20000</code> takes away. No sign means adding.
adjust-amount-format = That amount cannot be read. Examples: <code>+50000</code>, <code>-20.000</code>, <code>50rb</code>. Please try again.
adjust-amount-fraction = The amount must be whole rupiah, no cents. Please try again.
adjust-amount-zero = A correction of Rp0 changes nothing. Send another amount.
adjust-amount-too_large = That amount is too large (at most { $max } per correction). Please try again.
adjust-amount-exceeds-balance = The balance may not go below zero: the merchant's balance is <b>{ $balance }</b> now. Send another amount.
adjust-ask-reason = What is the reason? A reason is required (at most { $max } characters) and the merchant will see it.
adjust-reason-empty = A reason is required. Please write it.
adjust-reason-too_long = That reason is too long (at most { $max } characters). Shorten it and send it again.
adjust-type-answer = Type your answer, or tap Cancel.
adjust-use-buttons = Use the Confirm or Cancel button above.
adjust-summary =
    🛠 <b>Correction summary</b>
    Merchant: { $merchant }
    Current balance: { $balance }
    Correction: <b>{ $amount }</b>
    Balance after: <b>{ $after }</b>
    Reason: { $reason }

    Apply this correction?
adjust-cancelled = Correction cancelled. Nothing was changed.
adjust-applied =
    ✅ <b>Correction #{ $id } applied:</b> { $amount }
    Merchant's balance: { $before } → <b>{ $after }</b>
    The merchant has been told.
adjust-already-applied = This correction was applied already (#{ $id }); it is not applied twice. The merchant's balance is <b>{ $balance }</b> now.
adjust-insufficient = ❌ Correction refused: the balance may not go below zero. The merchant's balance is <b>{ $balance }</b> now. Nothing was changed.
adjust-merchant-gone = That merchant can no longer be found. Nothing was changed.

adjust-notice-credit =
    🛠 <b>An admin added { $amount }</b> to your Coin Premium balance.
    Reason: { $reason }
    Balance now: <b>{ $balance }</b>
adjust-notice-debit =
    🛠 <b>An admin deducted { $amount }</b> from your Coin Premium balance.
    Reason: { $reason }
    Balance now: <b>{ $balance }</b>

adjust-history-item =
    <b>{ $number }.</b> { $date }
        { $amount } · Balance correction by an admin
        Reason: { $reason }

adjust-stats =
    <b>Balance corrections</b>
    Today: { $today }
    7 days: { $week }
    30 days: { $month }
adjust-stats-period = { $count } corrections, net { $net }

audit-title = 🗂 <b>Audit log</b> (page { $page }), newest first
audit-empty = 🗂 The audit log is empty.
audit-newer = ◀ Newer
audit-older = Older ▶
audit-row = <b>{ $at }</b> · { $who }
    { $action } { $object }
audit-system = System
audit-actor = { $name } [{ $id }]
audit-action = { $action ->
    [adjustment-credit] Balance correction (added)
    [adjustment-debit] Balance correction (deducted)
    [exception-credit] Exception credited
    [exception-dismiss] Exception marked done
    [reconciliation-run] Reconciliation run
    [broadcast-start] Announcement started
    [broadcast-cancel] Announcement stopped
   *[other] { $raw }
}
audit-object = · { $type ->
    [merchant] merchant
    [topup] top-up
    [exception] exception
    [broadcast] announcement
    [reconciliation] reconciliation
   *[other] { $type }
} #{ $id }
audit-reason = Reason: { $reason }
audit-change = { $field }: { $before } → { $after }
audit-field = { $field ->
    [balance] balance
    [status] status
    [audience] audience
    [total] recipients
    [amount] amount
   *[other] { $field }
}
