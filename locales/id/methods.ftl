# Payment methods as merchants know them. Brand names ($name) are the same in every language.
method-ewallet = E-Wallet
method-qris = QRIS
method-va = Virtual Account
# A top-up's method: "OVO", "QRIS", "BCA Virtual Account"; $group is ewallet, qris or va.
method-label = { $group ->
    [va] { $name } Virtual Account
   *[other] { $name }
}
# A method with the number it was paid from: "OVO 0812****7890".
method-label-phone = { $method } { $phone }
