
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
            [CompletionResult]::new('gewe', 'gewe', [CompletionResultType]::ParameterValue, 'WeChat through a GeWe gateway (personal WeChat)')
            [CompletionResult]::new('ding', 'ding', [CompletionResultType]::ParameterValue, 'DingTalk custom robot (钉钉自定义机器人)')
            [CompletionResult]::new('email', 'email', [CompletionResultType]::ParameterValue, 'E-mail over SMTP (not implemented yet)')
            [CompletionResult]::new('sms', 'sms', [CompletionResultType]::ParameterValue, 'SMS through Aliyun, Tencent Cloud or an HTTP gateway')
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
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Recipient wxid or chatroom id (repeatable; the variable is comma-separated)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, '@-mention a group member by wxid (repeatable); put `@their nickname` in the text too')
            [CompletionResult]::new('--app-xml', '--app-xml', [CompletionResultType]::ParameterName, 'Send the app message (the `<appmsg>` XML) in FILE instead of text')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'The gateway''s token (header X-GEWE-TOKEN)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'The logged-in device''s app id (appid)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'The gateway''s base URL (required: GeWe is self-hosted or a private domain)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which GeWe API the gateway speaks')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
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
        'sendmsg;sms' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'The SMS provider')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Mobile number, mainland 11-digit or E.164 (repeatable; the variable is comma-separated)')
            [CompletionResult]::new('--sign', '--sign', [CompletionResultType]::ParameterName, 'The approved signature name (签名)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'The approved template code or id')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'A template variable (repeatable): Aliyun by name, Tencent by position in the order given')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'Aliyun AccessKey id')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'Aliyun AccessKey secret')
            [CompletionResult]::new('--secret-id', '--secret-id', [CompletionResultType]::ParameterName, 'Tencent Cloud SecretId')
            [CompletionResult]::new('--secret-key', '--secret-key', [CompletionResultType]::ParameterName, 'Tencent Cloud SecretKey')
            [CompletionResult]::new('--sdk-app-id', '--sdk-app-id', [CompletionResultType]::ParameterName, 'Tencent SMS SdkAppId')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Tencent Cloud region')
            [CompletionResult]::new('--gateway-url', '--gateway-url', [CompletionResultType]::ParameterName, 'The HTTP gateway''s endpoint; `mobile` and `content` are added to its query')
            [CompletionResult]::new('--gateway-token', '--gateway-token', [CompletionResultType]::ParameterName, 'A token for the HTTP gateway, sent as the OPS-Token header')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Replace the cloud provider''s scheme and host [default: $ALIYUN_SMS_BASE_URL or $TENCENT_SMS_BASE_URL, else the service''s]')
            [CompletionResult]::new('--aliyun-base-url', '--aliyun-base-url', [CompletionResultType]::ParameterName, 'aliyun-base-url')
            [CompletionResult]::new('--tencent-base-url', '--tencent-base-url', [CompletionResultType]::ParameterName, 'tencent-base-url')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
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
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
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
            [CompletionResult]::new('gewe', 'gewe', [CompletionResultType]::ParameterValue, 'WeChat through a GeWe gateway (personal WeChat)')
            [CompletionResult]::new('ding', 'ding', [CompletionResultType]::ParameterValue, 'DingTalk custom robot (钉钉自定义机器人)')
            [CompletionResult]::new('email', 'email', [CompletionResultType]::ParameterValue, 'E-mail over SMTP (not implemented yet)')
            [CompletionResult]::new('sms', 'sms', [CompletionResultType]::ParameterValue, 'SMS through Aliyun, Tencent Cloud or an HTTP gateway')
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
