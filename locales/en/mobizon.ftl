# English texts for the Mobizon SMS API response codes (reference locale).

catalog-title = Mobizon SMS API

## Response codes

success = The API processed the request and completed the operation in full; no error occurred.
    .title = Operation completed successfully

validation-error = The data sent to create or update an entity did not pass validation. The `data` field of the response lists the fields that are filled in incorrectly.
    .title = Invalid data
    .hint = Correct the fields listed in `data` and send the request again with the updated values.

record-not-found = The requested record could not be found. Most likely, it has been deleted, its ID is wrong, or the user trying to access it does not have the required permissions.
    .title = Record not found

unidentified-application-error = Something went wrong in the application, and the error could not be traced to a known cause. Support can investigate it using the details of the failed request.
    .title = Unidentified application error
    .hint = Contact support and include the details of the request that returned this error.

invalid-module = The request contains an incorrect value for the `module` parameter. The valid values are described in the API documentation.
    .title = Invalid `module` parameter
    .hint = Check the `module` parameter against the API documentation and correct it.

invalid-method = The request contains an incorrect value for the `method` parameter. The valid values are described in the API documentation.
    .title = Invalid `method` parameter
    .hint = Check the `method` parameter against the API documentation and correct it.

invalid-format = The request contains an incorrect value for the `format` parameter. The valid values are described in the API documentation.
    .title = Invalid `format` parameter
    .hint = Check the `format` parameter against the API documentation and correct it.

login-error = The login data is incorrect, or the user's session expired or was forcibly closed by the server while the system was in use. The `message` field gives more details.
    .title = Login failed
    .hint = Read the `message` field, then correct the login data or log in again to start a new session.

method-access-error = An error occurred while accessing the API method specified in the request.
    .title = Cannot access the API method

save-failed = The server failed to save the data while performing this operation. This usually happens when several clients work with the same data at once, or when the conditions for saving change while the data is being saved.
    .title = Failed to save data

required-parameters-missing = The request is missing one or more required parameters. The API documentation lists the parameters each request needs.
    .title = Required parameters missing
    .hint = Check the parameters against the API documentation and add the missing ones to the request.

parameter-constraint-violated = A request parameter does not meet the conditions or limits set for it. This is similar to an attribute validation error, but it can also occur in requests that do not create or change any data.
    .title = Parameter does not meet requirements

wrong-api-server = The request was sent to an API server that does not serve this user. The `data` field contains the domain that should be used instead.
    .title = Wrong API server
    .hint = Take the domain from the `data` field and send your requests to that server.

account-blocked = The user's account has been blocked or deleted.
    .title = Account blocked or deleted

operation-failed = An operation that does not update data failed. The `message` field of the response describes the error.
    .title = Operation failed
    .hint = Read the `message` field of the response to find out what went wrong.

rate-limit-exceeded = The same API method was called too often within a certain period, exceeding the allowed request rate.
    .title = Too many requests
    .hint = Reduce how often your application sends requests to this method.

partially-completed = The operation was completed for only part of the data. This code is usually returned by bulk operations in which some items were processed and others were not, because of errors or restrictions. The `data` field shows which items were processed and which were not, along with the errors.
    .title = Operation partially completed
    .hint = Check the `data` field to find the items that were not processed and the errors that stopped them.

nothing-processed = None of the items in the bulk operation were processed. The `data` field describes the errors for each item, and the `message` field gives a general description of the error.
    .title = No items were processed
    .hint = Review the per-item errors in `data` and the summary in `message` to find out why the items failed.

queued-for-background = This is not an error: the operation has been sent for background processing. The `data` field contains the ID of the background operation.
    .title = Operation queued for background processing
    .hint = Pass the ID from the `data` field to `TaskQueue/GetStatus` to track the operation until it finishes.

general-service-error = A general error occurred in the service while it was handling the request. The `message` field contains the details.
    .title = General service error
    .hint = Check the `message` field for details about the error.

## Answers that carry no code of this catalog

# $number (Number) - the code the API returned
unknown-code = The Mobizon API returned code { $number }, which is not in this catalog: it may be a new code, or one specific to your account. The `message` field of the response usually describes what happened.
    .title = Unknown response code { $number }
    .hint = Read the `message` field of the response; if the code keeps appearing, ask Mobizon support what it means.
