# English texts for Mobizon's per-recipient result codes (reference locale):
# the `code` of each item of the `data` array that `campaign/addRecipients`
# returns with response code 98 or 99.

catalog-title = Mobizon: recipient results

## Result codes of recipients

added = This is not an error: the number was added to the campaign. The item's `messageId` field holds the ID of the message created for it, by which the message's status can be requested.
    .title = Recipient added

number-missing = The data sent for the recipient has no phone number, or its value is empty.
    .title = Phone number missing

number-not-found = No phone number was found in the data sent; most likely, the data is formatted incorrectly.
    .title = No phone number in the data

not-international-format = The number does not match the international phone number format.
    .title = Number not in international format
    .hint = Send recipient numbers in international format.

already-added = The number has already been added to the campaign: duplicates are excluded from the mailing.
    .title = Number already added

in-stop-list = The number is in a stop list, which can be either your own stop list or the system's.
    .title = Number in stop list

country-restricted = Your account settings restrict sending to the destination country.
    .title = Destination country restricted

operator-unknown = The operator and/or the destination country of the number cannot be determined.
    .title = Operator or country unknown

operator-not-supported = The system cannot send messages to this operator.
    .title = Operator not supported
    .hint = Contact Mobizon support to find out whether sending to this operator is possible.

placeholders-missing = The data sent does not contain all the placeholders the message text needs. The documentation gives this code for `placeholdersFlag` set to `1`.
    .title = Placeholders missing

contact-card-not-found = The contact card was not found in the contact book; the item's `recipient` is `null`.
    .title = Contact card not found

contact-card-no-mobile = The contact card has no mobile number; the item's `recipient` is `null`.
    .title = Contact card has no mobile number

contact-not-found = The contact was not found in the contact book; the item's `recipient` is `null`.
    .title = Contact not found

short-link-unavailable = For technical reasons, a short link cannot be created at the moment.
    .title = Short link unavailable

system-error = A system error occurred while adding the recipient's number.
    .title = System error

## Answers that carry no code of this catalog

# $number (Number) - the code the item carries
unknown-code = The Mobizon API returned recipient result code { $number }, which is not in this catalog: it may be a new code. The `message` field of the response may describe what happened.
    .title = Unknown recipient result code { $number }
    .hint = Read the `message` field of the response; if the code keeps appearing, ask Mobizon support what it means.
