# /issues: exceptions of payments and notifications, for admins (English)
cmd-masalah = Payment issues that need handling (admin)

exceptions-none = ✅ No open issues.
exceptions-title = 🚨 <b>Open issues: { $total }</b> · page { $page }/{ $pages }
exceptions-open-button = #{ $id }
exceptions-prev-button = ‹ Previous
exceptions-next-button = Next ›
exceptions-back-button = ‹ Issue list
exceptions-not-found = This issue was not found.

exceptions-kind-flagged = Flagged payment
exceptions-kind-stuck = Stuck payment
exceptions-kind-undeliverable = Undeliverable notification
exceptions-kind-reconciliation = Reconciliation difference

exceptions-age-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
exceptions-age-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
exceptions-age-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}

exceptions-item-title = <b>#{ $id } · { $kind }</b> · { $age } ago
exceptions-item-merchant = Merchant: { $name } · { $store } · ID { $id }
exceptions-no-store = no store name
exceptions-item-payment =
    Amount: <b>{ $amount }</b> · Method: OVO ({ $channel }) · Status: { $status }
    Reference: <code>{ $reference }</code> · Xendit ID: <code>{ $chargeId }</code>
exceptions-item-notification = Notification: { $kind } · created { $created }
exceptions-item-reason = Reason: { $reason }
exceptions-item-opened = Opened: { $at }
exceptions-item-resolved = ✔️ <b>{ $resolution }</b> { $at } by { $by } — { $reason }
exceptions-resolution-credited = Credited
exceptions-resolution-dismissed = Marked done
exceptions-resolution-settled = Settled by the gateway
exceptions-by-system = the system

exceptions-check-button = 🔎 Check with Xendit
exceptions-credit-button = 💰 Credit
exceptions-dismiss-button = ✅ Mark done
exceptions-cancel-button = ✖️ Cancel

exceptions-gateway-title = 🔎 <b>Xendit on #{ $id }</b>
exceptions-gateway-charge =
    Status: <b>{ $status }</b>
    Amount: <b>{ $amount }</b>
    Xendit ID: <code>{ $chargeId }</code> · Reference: <code>{ $reference }</code>
    Failure code: { $failure }
exceptions-gateway-unavailable = ⚠️ Xendit could not be reached ({ $code }). Nothing changed; try again later.
exceptions-gateway-no_charge = Issue #{ $id } has no Xendit ID to check.
exceptions-gateway-not_found = Issue #{ $id } was not found.

exceptions-credit-matches = Xendit confirms a payment of <b>{ $amount }</b>, the amount asked for.
exceptions-credit-differs =
    ⚠️ <b>The amount differs.</b> Xendit received <b>{ $paid }</b>, but <b>{ $expected }</b> was asked for.
    If credited, <b>{ $paid }</b> is added (the money actually received).
exceptions-reason-ask = Type the reason for crediting this payment (kept in the audit log).
exceptions-reason-ask-differs = Type the reason for crediting this different amount (required, kept in the audit log).
exceptions-reason-required = A reason is required. Type it, or tap Cancel.
exceptions-reason-too-long = The reason is too long (at most { $max } characters). Type a shorter one.
exceptions-use-buttons = Use the buttons above, or type /batal to cancel.
exceptions-credit-confirm =
    Credit <b>{ $amount }</b> for issue #{ $id }?
    Reason: { $reason }
exceptions-credit-yes = ✅ Yes, credit it
exceptions-credited = ✅ Issue #{ $id } resolved: <b>{ $amount }</b> credited. The merchant's balance is now { $balance }. The merchant was told.
exceptions-already-credited = ℹ️ Payment #{ $id } was already credited by an earlier Xendit callback. Nothing more was credited; the issue is closed.
exceptions-dismiss-ask = Type the reason for marking issue #{ $id } done (kept in the audit log).
exceptions-dismiss-confirm =
    Mark issue #{ $id } done without changing any balance?
    Reason: { $reason }
exceptions-dismiss-yes = ✅ Yes, mark it done
exceptions-dismissed = ✅ Issue #{ $id } marked done.
exceptions-cancelled = Cancelled. Nothing changed.

exceptions-refused-not_found = Issue #{ $id } was not found.
exceptions-refused-already_resolved = ℹ️ Issue #{ $id } was already resolved by someone else. Nothing changed.
exceptions-refused-no_charge = Issue #{ $id } has no Xendit payment that could be credited.
exceptions-refused-unavailable = ⚠️ Xendit could not be reached ({ $code }). Nothing was credited; try again later.
exceptions-refused-other_charge = ⛔ Xendit answered about another payment. Nothing was credited.
exceptions-refused-not_succeeded = ⛔ Xendit does not say this payment SUCCEEDED. Nothing was credited.
exceptions-refused-currency = ⛔ Xendit received another currency. Nothing was credited.
exceptions-refused-amount_changed = ⛔ Xendit's answer changed since you confirmed. Nothing was credited; open the issue again.
exceptions-refused-reason_required = A reason is required.
