# English texts for the Planfix REST API error codes (reference locale).

catalog-title = Planfix REST API

section-unclassified = Unclassified errors
section-tasks = Tasks
section-contacts = Contacts
section-projects = Projects
section-employees = Employees
section-comments = Comments
section-data-tags = Data tags and data tag entries
section-files = Files
section-directories = Directories and directory entries
section-reports = Reports

## Unclassified errors

unknown-error = The request failed, and the server could not determine what kind of error occurred.
    .title = Unknown error

invalid-token = The authorization token sent with the request is not valid.
    .title = Invalid token
    .hint = Check the token sent with the request and replace it with a valid one.

token-inactive = The authorization token used for the request is not active.
    .title = Token is inactive

scope-access-denied = The scope of the token used for the request does not allow access to this method.
    .title = Method not allowed for this token

user-access-denied = The user making the request does not have access to this method or object.
    .title = Access denied for this user

account-blocked-for-spam = The account has been blocked for spam.
    .title = Account blocked for spam

account-frozen = The account is frozen.
    .title = Account frozen

user-inactive = The user making the request is inactive.
    .title = User is inactive

subscription-unpaid = The account's subscription has not been paid.
    .title = Subscription not paid

api-unavailable-on-free-account = The API cannot be used with a free account.
    .title = API not available on free accounts

daily-request-limit-exceeded = The account has used up its daily limit on the number of REST API requests.
    .title = Daily request limit reached

contact-limit-reached = The account has reached the maximum number of contacts it is allowed to have.
    .title = Contact limit reached

user-billing-limit = The employee was not created because of a billing limit; the method that creates employees (`POST /user/`) returns this code. The error text also gives the `name`, `midname` and `lastname` of the employee that was not created.
    .title = Employee not created: billing limit

invalid-json = The request contains JSON in an invalid format.
    .title = Invalid JSON format
    .hint = Check the JSON in the request for syntax errors and send the request again.

required-parameter-missing = The request does not include one of the parameters that the method requires.
    .title = Required parameter missing
    .hint = Add all required parameters of the method to the request.

invalid-parameter-value = One of the parameters in the request has a value that is not allowed.
    .title = Invalid parameter value
    .hint = Check the parameter values in the request and correct the one that is not allowed.

## Tasks

task-not-found = The task referenced in the request does not exist.
    .title = Task not found

task-add-failed = An error occurred while adding the task.
    .title = Failed to add task

task-update-failed = An error occurred while updating the task.
    .title = Failed to update task

## Contacts

contact-not-found = The contact referenced in the request does not exist.
    .title = Contact not found

contact-add-failed = An error occurred while adding the contact.
    .title = Failed to add contact

contact-update-failed = An error occurred while updating the contact's data.
    .title = Failed to update contact data

contact-email-missing = The contact could not be given access to Planfix because no email address is set for the contact.
    .title = Contact has no email address
    .hint = Set an email address for the contact, then grant access to Planfix again.

invalid-email-format = The email address in the request is not in a valid format.
    .title = Invalid email format
    .hint = Correct the email address so that it is in a valid format.

login-email-not-unique = The email address specified as the login is not unique.
    .title = Login email not unique
    .hint = Specify a different email address as the login.

contact-name-empty = The contact's full name is not filled in, but it is required.
    .title = Contact name missing
    .hint = Fill in the contact's full name in the request.

## Projects

project-not-found = The project referenced in the request does not exist.
    .title = Project not found

project-add-failed = An error occurred while adding the project.
    .title = Failed to add project

project-update-failed = An error occurred while updating the project.
    .title = Failed to update project

## Employees

employee-not-found = The employee referenced in the request does not exist.
    .title = Employee not found

employee-add-failed = An error occurred while adding the employee.
    .title = Failed to add employee

employee-update-failed = An error occurred while updating the employee's data.
    .title = Failed to update employee data

employee-email-not-unique = The email address specified for the employee is not unique.
    .title = Employee email not unique
    .hint = Specify a different, unique email address for the employee.

invalid-username-format = The `username` value in the request is not in a valid format.
    .title = Invalid `username` format
    .hint = Correct the `username` value so that it is in a valid format.

username-not-unique = The specified `username` is not unique.
    .title = `username` not unique
    .hint = Specify a different `username` for the employee.

employee-name-empty = The employee's full name is not filled in, but it is required.
    .title = Employee name missing
    .hint = Fill in the employee's full name in the request.

## Comments

comment-not-found = The comment referenced in the request does not exist.
    .title = Comment not found

comment-add-failed = An error occurred while adding the comment.
    .title = Failed to add comment

comment-update-failed = An error occurred while updating the comment's data.
    .title = Failed to update comment data

## Data tags and data tag entries

data-tag-not-found = The data tag referenced in the request does not exist. The method that gets a data tag entry by its key also returns this code when no entry has that key.
    .title = Data tag or data tag entry not found

data-tag-entry-not-added = An error occurred while adding a data tag entry to a comment of a task or contact, either with a new comment or to an existing one.
    .title = Failed to add data tag entry to comment

data-tag-entry-not-updated = An error occurred while updating the data tag entry with the given key.
    .title = Failed to update data tag entry by key

data-tag-entry-not-found = The data tag entry referenced in the request does not exist. Some methods report a missing entry with code 6000 instead.
    .title = Data tag entry not found

data-tag-entry-add-failed = An error occurred while adding the data tag entry.
    .title = Failed to add data tag entry

data-tag-entry-update-failed = An error occurred while updating the data tag entry.
    .title = Failed to update data tag entry

data-tag-entry-delete-failed = An error occurred while deleting the data tag entry.
    .title = Failed to delete data tag entry

## Files

file-not-found = The file referenced in the request does not exist.
    .title = File not found

file-add-failed = An error occurred while adding the file.
    .title = Failed to add file

file-size-limit-exceeded = The uploaded file is larger than the account's subscription allows.
    .title = File too large

file-delete-failed = An error occurred while deleting the file.
    .title = Failed to delete file

## Directories and directory entries

directory-not-found = The directory referenced in the request does not exist.
    .title = Directory not found

directory-entry-not-found = The directory entry referenced in the request does not exist.
    .title = Directory entry not found

directory-entry-add-failed = An error occurred while adding the directory entry.
    .title = Failed to add directory entry

directory-entry-update-failed = An error occurred while updating the directory entry.
    .title = Failed to update directory entry

directory-entry-delete-failed = An error occurred while deleting the directory entry.
    .title = Failed to delete directory entry

## Reports

report-not-found = The report referenced in the request does not exist.
    .title = Report not found

report-billing-error = The request to generate the report failed with a billing error.
    .title = Billing error when generating report

report-generation-in-progress = The report is already being generated. The error text gives the `requestId` of the generation in progress; the method that checks a report's status takes this `requestId`.
    .title = Report already being generated

report-request-not-found = No report generation request has the `requestId` passed to the method that checks a report's status.
    .title = Report request not found

## Answers that carry no code of this catalog

# $number (Number) - the code the API returned
unknown-code = The Planfix API returned error code { $number }, which is not in this catalog: it may be a new code, or one the documentation does not list. The `error` field of the response may describe what happened.
    .title = Unknown error code { $number }
    .hint = Read the `error` field of the response; if the code keeps appearing, contact Planfix support.

success = The Planfix API processed the request successfully: the `result` field of the response is `success`, and the response carries no error code.
    .title = Request completed successfully
