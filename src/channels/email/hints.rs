//! What to do about the email service's known error codes (see [`crate::hints`]).

use crate::hints::Code::Exact;
use crate::hints::Hint;

pub(crate) const HINTS: &[Hint] = &[
    Hint {
        code: Exact("SMTP 535"),
        remedy: "login refused: QQ, 163 and Gmail want an app password (授权码, from the mailbox's settings → POP3/SMTP), not the account password",
    },
    Hint {
        code: Exact("SMTP 554"),
        remedy: "the server refused the message (163's `DT:SPM` is its spam filter): change the subject or text, or send to fewer people",
    },
];
