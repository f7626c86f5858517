
use builtin;
use str;

set edit:completion:arg-completer[sendmsg] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'sendmsg'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'sendmsg'= {
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --limit-key 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand wecom 'WeCom (企业微信) self-built app message, or a WeCom group robot'
            cand gewe 'WeChat through a GeWe gateway (not implemented yet)'
            cand ding 'DingTalk custom robot (钉钉自定义机器人)'
            cand email 'E-mail over SMTP (QQ, 163, Aliyun, Gmail, any server)'
            cand sms 'SMS through Aliyun, Tencent Cloud or an HTTP gateway (not implemented yet)'
            cand template 'WeChat Official Account (公众号) template message'
            cand serve-ddns 'HTTP listener for ddns-go webhooks: records each user''s address, notifies on change'
            cand send 'One message through several channels'
            cand run 'Run a command, pass its output through, and report how it went'
            cand history 'Show what was sent (the send history)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sendmsg;wecom'= {
            cand --corp-id 'The enterprise''s corp ID (older name: corpId)'
            cand --corp-secret 'The app''s Secret (older name: corpsecret)'
            cand --agent-id 'The app''s AgentId, an integer (older name: agentId)'
            cand --to-user 'App: a member''s userid (repeatable, or joined with `|`) [default: @all]'
            cand --to-party 'App: a department id (repeatable)'
            cand --to-tag 'App: a tag id (repeatable)'
            cand --bot-key 'Robot: the webhook key, or the robot''s whole webhook URL'
            cand --mention-mobile 'Robot: @-mention a group member by mobile number, or @all (repeatable; text only)'
            cand --base-url 'Replace the service''s scheme and host (private gateways, tests)'
            cand --file 'Read the message from a file'
            cand --overflow 'What to do with a message over the channel''s limit'
            cand --max-parts 'Most parts a split may send; more fails before anything is sent'
            cand --max-bytes 'Override the channel''s size limit in bytes (for a service that changed its rules)'
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --limit-key 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients'
            cand --bot 'Send through the group robot (WECOM_BOT_KEY) even when app credentials are set'
            cand --markdown 'Send markdown instead of text'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sendmsg;gewe'= {
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --limit-key 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sendmsg;ding'= {
            cand --access-token 'The robot''s access_token, or its whole webhook URL'
            cand --secret 'The robot''s signing secret (加签, starts with SEC); when set every request is signed'
            cand --title 'Markdown: the title shown in the chat list [default: the first line]; text: a first line'
            cand --at-mobile '@-mention a group member by mobile number (repeatable)'
            cand --at-user '@-mention a group member by DingTalk user id (repeatable)'
            cand --base-url 'Replace the service''s scheme and host (private gateways, tests)'
            cand --file 'Read the message from a file'
            cand --overflow 'What to do with a message over the channel''s limit'
            cand --max-parts 'Most parts a split may send; more fails before anything is sent'
            cand --max-bytes 'Override the channel''s size limit in bytes (for a service that changed its rules)'
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --limit-key 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients'
            cand --markdown 'Send markdown instead of text'
            cand --at-all '@-mention everyone in the group'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sendmsg;email'= {
            cand --host 'The SMTP server''s host name'
            cand --port 'The server''s port [default: 465 for tls, 587 for starttls, 25 for none]'
            cand --security 'How the connection is encrypted [default: tls on port 465, else starttls]'
            cand --user 'The login name (usually your address); without it the session does not authenticate'
            cand --password 'The password or app password (授权码); prefer the variable: arguments show in `ps`'
            cand --from 'The sender, e.g. "Backup Bot <bot@example.com>" [default: SMTP_USER]'
            cand --ca-file 'A PEM CA certificate to trust besides the system''s (private mail servers)'
            cand --to 'Recipient (repeatable; a value may list several, comma-separated)'
            cand --cc 'Carbon-copy recipient (repeatable)'
            cand --bcc 'Blind-copy recipient (repeatable); in no header, only in the SMTP envelope'
            cand --subject 'The subject [default: the message''s first line, cut to 78 characters]'
            cand --attach 'Attach a file (repeatable); its type is guessed from its name'
            cand --file 'Read the message from a file'
            cand --overflow 'What to do with a message over the channel''s limit'
            cand --max-parts 'Most parts a split may send; more fails before anything is sent'
            cand --max-bytes 'Override the channel''s size limit in bytes (for a service that changed its rules)'
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --limit-key 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients'
            cand --html 'The message is HTML (sent as text/html)'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sendmsg;sms'= {
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --limit-key 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sendmsg;template'= {
            cand --to 'A follower''s openid (repeatable or comma-separated; one request each)'
            cand --template-id 'The template''s id'
            cand --url 'The page the message opens when tapped'
            cand --field 'A template field: KEY=VALUE, or KEY=VALUE#RRGGBB for a colour; a VALUE of `-` reads stdin (repeatable)'
            cand --app-id 'The Official Account''s AppID'
            cand --app-secret 'The Official Account''s AppSecret'
            cand --base-url 'Replace the service''s scheme and host (private gateways, tests)'
            cand --gateway-url 'Send through a notices gateway (POST URL/message/v2/notices) instead of WeChat itself'
            cand --gateway-token 'The gateway''s Bearer token'
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --limit-key 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sendmsg;serve-ddns'= {
            cand --listen 'Address and port to listen on; a non-loopback address needs --token'
            cand --store 'The JSON file of recorded addresses [default: $XDG_STATE_HOME/sendmsg/ddns.json]'
            cand --token 'Token every request but /healthz must carry (?token= or Authorization: Bearer)'
            cand --notify 'Channel that receives the change notifications and /api/send texts, or `none`'
            cand --workers 'Worker threads; each serves one connection at a time'
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --limit-key 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients'
            cand --allow-unauthenticated 'Listen on a non-loopback address without a token (only behind a proxy that authenticates)'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sendmsg;send'= {
            cand --via 'Channels to send through, comma-separated, each configured from its environment'
            cand --file 'Read the message from a file'
            cand --overflow 'What to do with a message over the channel''s limit'
            cand --max-parts 'Most parts a split may send; more fails before anything is sent'
            cand --max-bytes 'Override the channel''s size limit in bytes (for a service that changed its rules)'
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --limit-key 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sendmsg;run'= {
            cand --via 'Channels to send through, comma-separated, each configured from its environment'
            cand --on 'When to send the report'
            cand --title 'The report''s first line [default: "PROGRAM failed" or "PROGRAM succeeded"]'
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --limit-key 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sendmsg;history'= {
            cand --channel 'Only sends through this channel'
            cand --since 'Only sends within this long ago, e.g. 30m, 1h, 7d'
            cand -n 'Only the last N matching sends (the global --limit is the rate limit)'
            cand --last 'Only the last N matching sends (the global --limit is the rate limit)'
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --limit-key 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients'
            cand --failed 'Only sends that failed (exit 1-4; a suppressed send is not a failure)'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sendmsg;completions'= {
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --limit-key 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sendmsg;help'= {
            cand wecom 'WeCom (企业微信) self-built app message, or a WeCom group robot'
            cand gewe 'WeChat through a GeWe gateway (not implemented yet)'
            cand ding 'DingTalk custom robot (钉钉自定义机器人)'
            cand email 'E-mail over SMTP (QQ, 163, Aliyun, Gmail, any server)'
            cand sms 'SMS through Aliyun, Tencent Cloud or an HTTP gateway (not implemented yet)'
            cand template 'WeChat Official Account (公众号) template message'
            cand serve-ddns 'HTTP listener for ddns-go webhooks: records each user''s address, notifies on change'
            cand send 'One message through several channels'
            cand run 'Run a command, pass its output through, and report how it went'
            cand history 'Show what was sent (the send history)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sendmsg;help;wecom'= {
        }
        &'sendmsg;help;gewe'= {
        }
        &'sendmsg;help;ding'= {
        }
        &'sendmsg;help;email'= {
        }
        &'sendmsg;help;sms'= {
        }
        &'sendmsg;help;template'= {
        }
        &'sendmsg;help;serve-ddns'= {
        }
        &'sendmsg;help;send'= {
        }
        &'sendmsg;help;run'= {
        }
        &'sendmsg;help;history'= {
        }
        &'sendmsg;help;completions'= {
        }
        &'sendmsg;help;help'= {
        }
    ]
    $completions[$command]
}
