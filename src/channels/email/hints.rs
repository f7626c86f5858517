//! What to do about the email service's known error codes (see [`crate::hints`]).

use crate::hints::Code::Exact;
use crate::hints::Hint;

pub(crate) const HINTS: &[Hint] = &[
    Hint {
        code: Exact("SMTP 535"),
        remedy: "login refused: QQ, 163 and Gmail want an app password (授权码, from the mailbox's settings → POP3/SMTP), not the account password",
    },
    Hint {
        code: Exact("SMTP 504"),
        remedy: "if the server refused the EHLO name (\"need fully-qualified hostname\"), set SMTP_HELO_NAME (or --ehlo) to this machine's full name, e.g. host.example.com",
    },
    Hint {
        code: Exact("SMTP 550"),
        remedy: "an address was refused: an unknown recipient, or a sender the login may not use (QQ, 163 and Aliyun want SMTP_FROM and --sender to be the account's own address)",
    },
    Hint {
        code: Exact("SMTP 552"),
        remedy: "the message is over the server's size limit: send smaller or fewer attachments (a link instead of the file)",
    },
    Hint {
        code: Exact("SMTP 554"),
        remedy: "the server refused the message (163's `DT:SPM` is its spam filter): change the subject or text, or send to fewer people",
    },
];
