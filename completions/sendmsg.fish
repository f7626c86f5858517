# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_sendmsg_global_optspecs
    string join \n env-file= dry-run timeout= retries= json q/quiet v/verbose limit= dedupe= h/help V/version
end

function __fish_sendmsg_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_sendmsg_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_sendmsg_using_subcommand
    set -l cmd (__fish_sendmsg_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c sendmsg -n "__fish_sendmsg_needs_command" -l env-file -d 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it' -r -F
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l retries -d 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)' -r
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l json -d 'On success, print each service reply as one JSON document per line'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) to stderr'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -s V -l version -d 'Print version'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "wecom" -d 'WeCom (企业微信) app message or group robot (not implemented yet)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "gewe" -d 'WeChat through a GeWe gateway (personal WeChat)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "ding" -d 'DingTalk custom robot (钉钉自定义机器人)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "email" -d 'E-mail over SMTP (not implemented yet)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "sms" -d 'SMS through Aliyun, Tencent Cloud or an HTTP gateway'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "template" -d 'WeChat Official Account template message (not implemented yet)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "serve-ddns" -d 'HTTP listener for ddns-go webhooks (not implemented yet)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "send" -d 'One message through several channels (not implemented yet)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "run" -d 'Run a command and report how it went (not implemented yet)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "history" -d 'Show what was sent (not implemented yet)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l env-file -d 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l retries -d 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l json -d 'On success, print each service reply as one JSON document per line'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) to stderr'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l to -d 'Recipient wxid or chatroom id (repeatable; the variable is comma-separated)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l at -d '@-mention a group member by wxid (repeatable); put `@their nickname` in the text too' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l app-xml -d 'Send the app message (the `<appmsg>` XML) in FILE instead of text' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l token -d 'The gateway\'s token (header X-GEWE-TOKEN)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l app-id -d 'The logged-in device\'s app id (appid)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l base-url -d 'The gateway\'s base URL (required: GeWe is self-hosted or a private domain)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l api -d 'Which GeWe API the gateway speaks' -r -f -a "legacy\t'`{base}/api/message/sendmsg` and `/api/message/sendapp` with `appid`, `to_wxid_list`'
v2\t'`{base}/message/postText` and `/message/postAppMsg` with `appId`, `toWxid` (base e.g. `http://HOST:2531/v2/api` or `https://www.geweapi.com/gewe/v2/api`)'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l file -d 'Read the message from a file' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l overflow -d 'What to do with a message over the channel\'s limit' -r -f -a "split\t'Send it as numbered parts, cut at line breaks where possible'
truncate\t'Keep the head and the tail, and say how much was left out between them'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l max-parts -d 'Most parts a split may send; more fails before anything is sent' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l max-bytes -d 'Override the channel\'s size limit in bytes (for a service that changed its rules)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l env-file -d 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l retries -d 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l json -d 'On success, print each service reply as one JSON document per line'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) to stderr'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l access-token -d 'The robot\'s access_token, or its whole webhook URL' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l secret -d 'The robot\'s signing secret (加签, starts with SEC); when set every request is signed' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l title -d 'Markdown: the title shown in the chat list [default: the first line]; text: a first line' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l at-mobile -d '@-mention a group member by mobile number (repeatable)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l at-user -d '@-mention a group member by DingTalk user id (repeatable)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l base-url -d 'Replace the service\'s scheme and host (private gateways, tests)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l file -d 'Read the message from a file' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l overflow -d 'What to do with a message over the channel\'s limit' -r -f -a "split\t'Send it as numbered parts, cut at line breaks where possible'
truncate\t'Keep the head and the tail, and say how much was left out between them'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l max-parts -d 'Most parts a split may send; more fails before anything is sent' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l max-bytes -d 'Override the channel\'s size limit in bytes (for a service that changed its rules)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l env-file -d 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l retries -d 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l markdown -d 'Send markdown instead of text'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l at-all -d '@-mention everyone in the group'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l json -d 'On success, print each service reply as one JSON document per line'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) to stderr'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l env-file -d 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l retries -d 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l json -d 'On success, print each service reply as one JSON document per line'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) to stderr'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l provider -d 'The SMS provider' -r -f -a "aliyun\t'Aliyun SMS (template)'
tencent\t'Tencent Cloud SMS (template)'
http\t'A plain HTTP gateway (free text)'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l to -d 'Mobile number, mainland 11-digit or E.164 (repeatable; the variable is comma-separated)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l sign -d 'The approved signature name (签名)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l template -d 'The approved template code or id' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l param -d 'A template variable (repeatable): Aliyun by name, Tencent by position in the order given' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l access-key-id -d 'Aliyun AccessKey id' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l access-key-secret -d 'Aliyun AccessKey secret' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l secret-id -d 'Tencent Cloud SecretId' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l secret-key -d 'Tencent Cloud SecretKey' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l sdk-app-id -d 'Tencent SMS SdkAppId' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l region -d 'Tencent Cloud region' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l gateway-url -d 'The HTTP gateway\'s endpoint; `mobile` and `content` are added to its query' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l gateway-token -d 'A token for the HTTP gateway, sent as the OPS-Token header' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l base-url -d 'Replace the cloud provider\'s scheme and host [default: $ALIYUN_SMS_BASE_URL or $TENCENT_SMS_BASE_URL, else the service\'s]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l aliyun-base-url -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l tencent-base-url -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l file -d 'Read the message from a file' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l overflow -d 'What to do with a message over the channel\'s limit' -r -f -a "split\t'Send it as numbered parts, cut at line breaks where possible'
truncate\t'Keep the head and the tail, and say how much was left out between them'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l max-parts -d 'Most parts a split may send; more fails before anything is sent' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l max-bytes -d 'Override the channel\'s size limit in bytes (for a service that changed its rules)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l env-file -d 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l retries -d 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l json -d 'On success, print each service reply as one JSON document per line'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) to stderr'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l env-file -d 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l retries -d 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l json -d 'On success, print each service reply as one JSON document per line'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) to stderr'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l env-file -d 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l retries -d 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l json -d 'On success, print each service reply as one JSON document per line'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) to stderr'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l env-file -d 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l retries -d 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l json -d 'On success, print each service reply as one JSON document per line'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) to stderr'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l env-file -d 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l retries -d 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l json -d 'On success, print each service reply as one JSON document per line'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) to stderr'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l env-file -d 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l retries -d 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l json -d 'On success, print each service reply as one JSON document per line'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) to stderr'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l env-file -d 'dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l retries -d 'Retries of a transient failure (network, timeout, 5xx, 429, busy codes)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l json -d 'On success, print each service reply as one JSON document per line'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) to stderr'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template serve-ddns send run history completions help" -f -a "wecom" -d 'WeCom (企业微信) app message or group robot (not implemented yet)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template serve-ddns send run history completions help" -f -a "gewe" -d 'WeChat through a GeWe gateway (personal WeChat)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template serve-ddns send run history completions help" -f -a "ding" -d 'DingTalk custom robot (钉钉自定义机器人)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template serve-ddns send run history completions help" -f -a "email" -d 'E-mail over SMTP (not implemented yet)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template serve-ddns send run history completions help" -f -a "sms" -d 'SMS through Aliyun, Tencent Cloud or an HTTP gateway'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template serve-ddns send run history completions help" -f -a "template" -d 'WeChat Official Account template message (not implemented yet)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template serve-ddns send run history completions help" -f -a "serve-ddns" -d 'HTTP listener for ddns-go webhooks (not implemented yet)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template serve-ddns send run history completions help" -f -a "send" -d 'One message through several channels (not implemented yet)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template serve-ddns send run history completions help" -f -a "run" -d 'Run a command and report how it went (not implemented yet)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template serve-ddns send run history completions help" -f -a "history" -d 'Show what was sent (not implemented yet)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template serve-ddns send run history completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template serve-ddns send run history completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
