
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
            cand wecom 'WeCom (企业微信) app message or group robot (not implemented yet)'
            cand gewe 'WeChat through a GeWe gateway (personal WeChat)'
            cand ding 'DingTalk custom robot (钉钉自定义机器人)'
            cand email 'E-mail over SMTP (not implemented yet)'
            cand sms 'SMS through Aliyun, Tencent Cloud or an HTTP gateway'
            cand template 'WeChat Official Account template message (not implemented yet)'
            cand serve-ddns 'HTTP listener for ddns-go webhooks (not implemented yet)'
            cand send 'One message through several channels (not implemented yet)'
            cand run 'Run a command and report how it went (not implemented yet)'
            cand history 'Show what was sent (not implemented yet)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sendmsg;wecom'= {
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sendmsg;gewe'= {
            cand --to 'Recipient wxid or chatroom id (repeatable; the variable is comma-separated)'
            cand --at '@-mention a group member by wxid (repeatable); put `@their nickname` in the text too'
            cand --app-xml 'Send the app message (the `<appmsg>` XML) in FILE instead of text'
            cand --token 'The gateway''s token (header X-GEWE-TOKEN)'
            cand --app-id 'The logged-in device''s app id (appid)'
            cand --base-url 'The gateway''s base URL (required: GeWe is self-hosted or a private domain)'
            cand --api 'Which GeWe API the gateway speaks'
            cand --file 'Read the message from a file'
            cand --overflow 'What to do with a message over the channel''s limit'
            cand --max-parts 'Most parts a split may send; more fails before anything is sent'
            cand --max-bytes 'Override the channel''s size limit in bytes (for a service that changed its rules)'
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
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
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sendmsg;sms'= {
            cand --provider 'The SMS provider'
            cand --to 'Mobile number, mainland 11-digit or E.164 (repeatable; the variable is comma-separated)'
            cand --sign 'The approved signature name (签名)'
            cand --template 'The approved template code or id'
            cand --param 'A template variable (repeatable): Aliyun by name, Tencent by position in the order given'
            cand --access-key-id 'Aliyun AccessKey id'
            cand --access-key-secret 'Aliyun AccessKey secret'
            cand --secret-id 'Tencent Cloud SecretId'
            cand --secret-key 'Tencent Cloud SecretKey'
            cand --sdk-app-id 'Tencent SMS SdkAppId'
            cand --region 'Tencent Cloud region'
            cand --gateway-url 'The HTTP gateway''s endpoint; `mobile` and `content` are added to its query'
            cand --gateway-token 'A token for the HTTP gateway, sent as the OPS-Token header'
            cand --base-url 'Replace the cloud provider''s scheme and host [default: $ALIYUN_SMS_BASE_URL or $TENCENT_SMS_BASE_URL, else the service''s]'
            cand --aliyun-base-url 'aliyun-base-url'
            cand --tencent-base-url 'tencent-base-url'
            cand --file 'Read the message from a file'
            cand --overflow 'What to do with a message over the channel''s limit'
            cand --max-parts 'Most parts a split may send; more fails before anything is sent'
            cand --max-bytes 'Override the channel''s size limit in bytes (for a service that changed its rules)'
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sendmsg;template'= {
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
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
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
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
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sendmsg;run'= {
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
            cand --dry-run 'Build every request and print it as JSON lines; send nothing'
            cand --json 'On success, print each service reply as one JSON document per line'
            cand -q 'Print nothing on success'
            cand --quiet 'Print nothing on success'
            cand -v 'Log each request (method, redacted URL, status, time) to stderr'
            cand --verbose 'Log each request (method, redacted URL, status, time) to stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sendmsg;history'= {
            cand --env-file 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it'
            cand --timeout 'Whole-request timeout in seconds'
            cand --retries 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)'
            cand --limit 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)'
            cand --dedupe 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)'
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
            cand wecom 'WeCom (企业微信) app message or group robot (not implemented yet)'
            cand gewe 'WeChat through a GeWe gateway (personal WeChat)'
            cand ding 'DingTalk custom robot (钉钉自定义机器人)'
            cand email 'E-mail over SMTP (not implemented yet)'
            cand sms 'SMS through Aliyun, Tencent Cloud or an HTTP gateway'
            cand template 'WeChat Official Account template message (not implemented yet)'
            cand serve-ddns 'HTTP listener for ddns-go webhooks (not implemented yet)'
            cand send 'One message through several channels (not implemented yet)'
            cand run 'Run a command and report how it went (not implemented yet)'
            cand history 'Show what was sent (not implemented yet)'
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
