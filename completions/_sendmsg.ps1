
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'sendmsg' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'sendmsg'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'sendmsg' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'On success, print each service reply as one JSON document per line')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('wecom', 'wecom', [CompletionResultType]::ParameterValue, 'WeCom (企业微信) app message or group robot (not implemented yet)')
            [CompletionResult]::new('gewe', 'gewe', [CompletionResultType]::ParameterValue, 'WeChat through a GeWe gateway (not implemented yet)')
            [CompletionResult]::new('ding', 'ding', [CompletionResultType]::ParameterValue, 'DingTalk custom robot (钉钉自定义机器人)')
            [CompletionResult]::new('email', 'email', [CompletionResultType]::ParameterValue, 'E-mail over SMTP (QQ, 163, Aliyun, Gmail, any server)')
            [CompletionResult]::new('sms', 'sms', [CompletionResultType]::ParameterValue, 'SMS through Aliyun, Tencent Cloud or an HTTP gateway (not implemented yet)')
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'WeChat Official Account template message (not implemented yet)')
            [CompletionResult]::new('serve-ddns', 'serve-ddns', [CompletionResultType]::ParameterValue, 'HTTP listener for ddns-go webhooks (not implemented yet)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'One message through several channels (not implemented yet)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command and report how it went (not implemented yet)')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show what was sent (not implemented yet)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sendmsg;wecom' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'On success, print each service reply as one JSON document per line')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;gewe' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'On success, print each service reply as one JSON document per line')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;ding' {
            [CompletionResult]::new('--access-token', '--access-token', [CompletionResultType]::ParameterName, 'The robot''s access_token, or its whole webhook URL')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The robot''s signing secret (加签, starts with SEC); when set every request is signed')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'Markdown: the title shown in the chat list [default: the first line]; text: a first line')
            [CompletionResult]::new('--at-mobile', '--at-mobile', [CompletionResultType]::ParameterName, '@-mention a group member by mobile number (repeatable)')
            [CompletionResult]::new('--at-user', '--at-user', [CompletionResultType]::ParameterName, '@-mention a group member by DingTalk user id (repeatable)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Replace the service''s scheme and host (private gateways, tests)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--markdown', '--markdown', [CompletionResultType]::ParameterName, 'Send markdown instead of text')
            [CompletionResult]::new('--at-all', '--at-all', [CompletionResultType]::ParameterName, '@-mention everyone in the group')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'On success, print each service reply as one JSON document per line')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;email' {
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The SMTP server''s host name')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The server''s port [default: 465 for tls, 587 for starttls, 25 for none]')
            [CompletionResult]::new('--security', '--security', [CompletionResultType]::ParameterName, 'How the connection is encrypted [default: tls on port 465, else starttls]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The login name (usually your address); without it the session does not authenticate')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'The password or app password (授权码); prefer the variable: arguments show in `ps`')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The sender, e.g. "Backup Bot <bot@example.com>" [default: SMTP_USER]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM CA certificate to trust besides the system''s (private mail servers)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Recipient (repeatable; a value may list several, comma-separated)')
            [CompletionResult]::new('--cc', '--cc', [CompletionResultType]::ParameterName, 'Carbon-copy recipient (repeatable)')
            [CompletionResult]::new('--bcc', '--bcc', [CompletionResultType]::ParameterName, 'Blind-copy recipient (repeatable); in no header, only in the SMTP envelope')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'The subject [default: the message''s first line, cut to 78 characters]')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Attach a file (repeatable); its type is guessed from its name')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'The message is HTML (sent as text/html)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'On success, print each service reply as one JSON document per line')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;sms' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'On success, print each service reply as one JSON document per line')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;template' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'On success, print each service reply as one JSON document per line')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;serve-ddns' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'On success, print each service reply as one JSON document per line')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;send' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'On success, print each service reply as one JSON document per line')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;run' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'On success, print each service reply as one JSON document per line')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;history' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'On success, print each service reply as one JSON document per line')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;completions' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'On success, print each service reply as one JSON document per line')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) to stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;help' {
            [CompletionResult]::new('wecom', 'wecom', [CompletionResultType]::ParameterValue, 'WeCom (企业微信) app message or group robot (not implemented yet)')
            [CompletionResult]::new('gewe', 'gewe', [CompletionResultType]::ParameterValue, 'WeChat through a GeWe gateway (not implemented yet)')
            [CompletionResult]::new('ding', 'ding', [CompletionResultType]::ParameterValue, 'DingTalk custom robot (钉钉自定义机器人)')
            [CompletionResult]::new('email', 'email', [CompletionResultType]::ParameterValue, 'E-mail over SMTP (QQ, 163, Aliyun, Gmail, any server)')
            [CompletionResult]::new('sms', 'sms', [CompletionResultType]::ParameterValue, 'SMS through Aliyun, Tencent Cloud or an HTTP gateway (not implemented yet)')
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'WeChat Official Account template message (not implemented yet)')
            [CompletionResult]::new('serve-ddns', 'serve-ddns', [CompletionResultType]::ParameterValue, 'HTTP listener for ddns-go webhooks (not implemented yet)')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'One message through several channels (not implemented yet)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command and report how it went (not implemented yet)')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show what was sent (not implemented yet)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sendmsg;help;wecom' {
            break
        }
        'sendmsg;help;gewe' {
            break
        }
        'sendmsg;help;ding' {
            break
        }
        'sendmsg;help;email' {
            break
        }
        'sendmsg;help;sms' {
            break
        }
        'sendmsg;help;template' {
            break
        }
        'sendmsg;help;serve-ddns' {
            break
        }
        'sendmsg;help;send' {
            break
        }
        'sendmsg;help;run' {
            break
        }
        'sendmsg;help;history' {
            break
        }
        'sendmsg;help;completions' {
            break
        }
        'sendmsg;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
