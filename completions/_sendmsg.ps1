
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
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('wecom', 'wecom', [CompletionResultType]::ParameterValue, 'WeCom (企业微信) self-built app message, or a WeCom group robot')
            [CompletionResult]::new('gewe', 'gewe', [CompletionResultType]::ParameterValue, 'WeChat through a GeWe gateway (personal WeChat)')
            [CompletionResult]::new('ding', 'ding', [CompletionResultType]::ParameterValue, 'DingTalk custom robot (钉钉自定义机器人)')
            [CompletionResult]::new('email', 'email', [CompletionResultType]::ParameterValue, 'E-mail over SMTP (QQ, 163, Aliyun, Gmail, any server)')
            [CompletionResult]::new('sms', 'sms', [CompletionResultType]::ParameterValue, 'SMS through Aliyun, Tencent Cloud or an HTTP gateway')
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'WeChat Official Account (公众号) template message')
            [CompletionResult]::new('feishu', 'feishu', [CompletionResultType]::ParameterValue, 'Feishu / Lark custom bot (飞书自定义机器人)')
            [CompletionResult]::new('serverchan', 'serverchan', [CompletionResultType]::ParameterValue, 'Server酱 (ServerChan Turbo and Server酱³) WeChat push')
            [CompletionResult]::new('pushplus', 'pushplus', [CompletionResultType]::ParameterValue, 'PushPlus (推送加) WeChat push')
            [CompletionResult]::new('bark', 'bark', [CompletionResultType]::ParameterValue, 'Bark iOS push, one per device key')
            [CompletionResult]::new('webhook', 'webhook', [CompletionResultType]::ParameterValue, 'Any HTTP endpoint (ntfy, Gotify, an alert gateway): a URL and a body template')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'One message through several channels')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command, pass its output through, and report how it went')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show what was sent (the send history)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a channel''s configuration without messaging anyone')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Turn apprise URLs or qinglong''s notify settings into config.toml targets')
            [CompletionResult]::new('targets', 'targets', [CompletionResultType]::ParameterValue, 'List the named targets and groups of config.toml (secrets shown as ***)')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'The messages --queue kept for later: list, flush, drop')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'HTTP relay for Alertmanager, Grafana and any JSON to the routes of config.toml (and serve-ddns''s endpoints)')
            [CompletionResult]::new('serve-ddns', 'serve-ddns', [CompletionResultType]::ParameterValue, 'HTTP listener for ddns-go webhooks: records each user''s address, notifies on change')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sendmsg;wecom' {
            [CompletionResult]::new('--corp-id', '--corp-id', [CompletionResultType]::ParameterName, 'The enterprise''s corp ID (older name: corpId)')
            [CompletionResult]::new('--corp-secret', '--corp-secret', [CompletionResultType]::ParameterName, 'The app''s Secret (older name: corpsecret); on the command line it is visible to other local users in the process list: prefer WECOM_CORP_SECRET')
            [CompletionResult]::new('--agent-id', '--agent-id', [CompletionResultType]::ParameterName, 'The app''s AgentId, an integer (older name: agentId)')
            [CompletionResult]::new('--to-user', '--to-user', [CompletionResultType]::ParameterName, 'App: a member''s userid (repeatable, or joined with `|`) [default: @all]')
            [CompletionResult]::new('--to-party', '--to-party', [CompletionResultType]::ParameterName, 'App: a department id (repeatable)')
            [CompletionResult]::new('--to-tag', '--to-tag', [CompletionResultType]::ParameterName, 'App: a tag id (repeatable)')
            [CompletionResult]::new('--bot-key', '--bot-key', [CompletionResultType]::ParameterName, 'Robot: the webhook key, or the robot''s whole webhook URL; on the command line it is visible to other local users in the process list: prefer WECOM_BOT_KEY')
            [CompletionResult]::new('--mention-mobile', '--mention-mobile', [CompletionResultType]::ParameterName, 'Robot: @-mention a group member by mobile number, or @all (repeatable; text only)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Replace the service''s scheme and host (private gateways, tests)')
            [CompletionResult]::new('--corpId', '--corpId', [CompletionResultType]::ParameterName, 'corpId')
            [CompletionResult]::new('--corpsecret', '--corpsecret', [CompletionResultType]::ParameterName, 'corpsecret')
            [CompletionResult]::new('--agentId', '--agentId', [CompletionResultType]::ParameterName, 'agentId')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--template-file', '--template-file', [CompletionResultType]::ParameterName, 'Render the message from a MiniJinja template file over --data (a missing key is an error)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'The template''s data: a JSON file, or - for stdin [default: stdin]')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit [default: split; sms --provider http: error, since every part is a paid SMS]')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)')
            [CompletionResult]::new('--image-url', '--image-url', [CompletionResultType]::ParameterName, 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)')
            [CompletionResult]::new('--attach-url', '--attach-url', [CompletionResultType]::ParameterName, 'A public file to send: gewe (GEWE_API=v2)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Take the settings from config.toml''s [targets.NAME]; the channel''s own variables are not read')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--bot', '--bot', [CompletionResultType]::ParameterName, 'Send through the group robot (WECOM_BOT_KEY) even when app credentials are set')
            [CompletionResult]::new('--markdown', '--markdown', [CompletionResultType]::ParameterName, 'Send markdown instead of text; a robot sends markdown_v2 when the message has a table or fenced code (rendered for what each type can show)')
            [CompletionResult]::new('--markdown-v1', '--markdown-v1', [CompletionResultType]::ParameterName, 'Robot: send markdown (v1: font colours and <@userid>; tables become monospace lines)')
            [CompletionResult]::new('--markdown-v2', '--markdown-v2', [CompletionResultType]::ParameterName, 'Robot: send markdown_v2 (tables and code blocks; no font colours, no <@userid>)')
            [CompletionResult]::new('--keep-ansi', '--keep-ansi', [CompletionResultType]::ParameterName, 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;gewe' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Recipient wxid or chatroom id (repeatable; the variable is comma-separated)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, '@-mention a group member by wxid (repeatable); put `@their nickname` in the text too')
            [CompletionResult]::new('--app-xml', '--app-xml', [CompletionResultType]::ParameterName, 'Send the app message (the `<appmsg>` XML) in FILE instead of text')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'The gateway''s token (header X-GEWE-TOKEN); on the command line it is visible to other local users in the process list: prefer GEWE_TOKEN')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'The logged-in device''s app id (appid)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'The gateway''s base URL (required: GeWe is self-hosted or a private domain)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Which GeWe API the gateway speaks')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--template-file', '--template-file', [CompletionResultType]::ParameterName, 'Render the message from a MiniJinja template file over --data (a missing key is an error)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'The template''s data: a JSON file, or - for stdin [default: stdin]')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit [default: split; sms --provider http: error, since every part is a paid SMS]')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)')
            [CompletionResult]::new('--image-url', '--image-url', [CompletionResultType]::ParameterName, 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)')
            [CompletionResult]::new('--attach-url', '--attach-url', [CompletionResultType]::ParameterName, 'A public file to send: gewe (GEWE_API=v2)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Take the settings from config.toml''s [targets.NAME]; the channel''s own variables are not read')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--keep-ansi', '--keep-ansi', [CompletionResultType]::ParameterName, 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;ding' {
            [CompletionResult]::new('--access-token', '--access-token', [CompletionResultType]::ParameterName, 'The robot''s access_token, or its whole webhook URL; on the command line it is visible to other local users in the process list: prefer DING_ACCESS_TOKEN')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The robot''s signing secret (加签, starts with SEC); when set every request is signed; on the command line it is visible to other local users in the process list: prefer DING_SECRET')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'Markdown: the title shown in the chat list [default: the first line]; text: a first line')
            [CompletionResult]::new('--at-mobile', '--at-mobile', [CompletionResultType]::ParameterName, '@-mention a group member by mobile number (repeatable)')
            [CompletionResult]::new('--at-user', '--at-user', [CompletionResultType]::ParameterName, '@-mention a group member by DingTalk user id (repeatable)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Replace the service''s scheme and host (private gateways, tests)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--template-file', '--template-file', [CompletionResultType]::ParameterName, 'Render the message from a MiniJinja template file over --data (a missing key is an error)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'The template''s data: a JSON file, or - for stdin [default: stdin]')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit [default: split; sms --provider http: error, since every part is a paid SMS]')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)')
            [CompletionResult]::new('--image-url', '--image-url', [CompletionResultType]::ParameterName, 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)')
            [CompletionResult]::new('--attach-url', '--attach-url', [CompletionResultType]::ParameterName, 'A public file to send: gewe (GEWE_API=v2)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Take the settings from config.toml''s [targets.NAME]; the channel''s own variables are not read')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--markdown', '--markdown', [CompletionResultType]::ParameterName, 'Send markdown instead of text')
            [CompletionResult]::new('--at-all', '--at-all', [CompletionResultType]::ParameterName, '@-mention everyone in the group')
            [CompletionResult]::new('--keep-ansi', '--keep-ansi', [CompletionResultType]::ParameterName, 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;email' {
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The SMTP server''s host name')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The server''s port [default: 465 for tls, 587 for starttls, 25 for none]')
            [CompletionResult]::new('--security', '--security', [CompletionResultType]::ParameterName, 'How the connection is encrypted [default: tls on port 465, else starttls]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The login name (usually your address); without it the session does not authenticate')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'The password or app password (授权码); on the command line it is visible to other local users in the process list: prefer SMTP_PASSWORD')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The sender, e.g. "Backup Bot <bot@example.com>" [default: SMTP_USER]')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'A PEM CA certificate to trust besides the system''s, or the server''s own self-signed certificate')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Recipient (repeatable; a value may list several, comma-separated)')
            [CompletionResult]::new('--cc', '--cc', [CompletionResultType]::ParameterName, 'Carbon-copy recipient (repeatable)')
            [CompletionResult]::new('--bcc', '--bcc', [CompletionResultType]::ParameterName, 'Blind-copy recipient (repeatable); in no header, only in the SMTP envelope')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'The subject [default: the message''s first line, cut to 78 characters]')
            [CompletionResult]::new('--reply-to', '--reply-to', [CompletionResultType]::ParameterName, 'Where replies go, e.g. "Ops <ops@example.com>"')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'An extra header, ''Name: value'' (repeatable; not From, To, Cc, Bcc, Subject, Date, Message-ID)')
            [CompletionResult]::new('--sender', '--sender', [CompletionResultType]::ParameterName, 'The envelope sender (SMTP MAIL FROM), where bounces go [default: the From address]')
            [CompletionResult]::new('--ehlo', '--ehlo', [CompletionResultType]::ParameterName, 'The name this machine gives in EHLO; servers that reject a bare host name want a full one [default: this host''s name]')
            [CompletionResult]::new('--tls-fingerprint', '--tls-fingerprint', [CompletionResultType]::ParameterName, 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX), self-signed or not')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--template-file', '--template-file', [CompletionResultType]::ParameterName, 'Render the message from a MiniJinja template file over --data (a missing key is an error)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'The template''s data: a JSON file, or - for stdin [default: stdin]')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit [default: split; sms --provider http: error, since every part is a paid SMS]')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)')
            [CompletionResult]::new('--image-url', '--image-url', [CompletionResultType]::ParameterName, 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)')
            [CompletionResult]::new('--attach-url', '--attach-url', [CompletionResultType]::ParameterName, 'A public file to send: gewe (GEWE_API=v2)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Take the settings from config.toml''s [targets.NAME]; the channel''s own variables are not read')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'The message is HTML (sent as text/html)')
            [CompletionResult]::new('--keep-ansi', '--keep-ansi', [CompletionResultType]::ParameterName, 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;sms' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'The SMS provider')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Mobile number, mainland 11-digit or E.164 (repeatable; the variable is comma-separated)')
            [CompletionResult]::new('--sign', '--sign', [CompletionResultType]::ParameterName, 'The approved signature name (签名)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'The approved template code or id')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'A template variable (repeatable): Aliyun by name, Tencent by position in the order given')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'Aliyun AccessKey id')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'Aliyun AccessKey secret; on the command line it is visible to other local users in the process list: prefer ALIBABA_CLOUD_ACCESS_KEY_SECRET')
            [CompletionResult]::new('--secret-id', '--secret-id', [CompletionResultType]::ParameterName, 'Tencent Cloud SecretId')
            [CompletionResult]::new('--secret-key', '--secret-key', [CompletionResultType]::ParameterName, 'Tencent Cloud SecretKey; on the command line it is visible to other local users in the process list: prefer TENCENTCLOUD_SECRET_KEY')
            [CompletionResult]::new('--sdk-app-id', '--sdk-app-id', [CompletionResultType]::ParameterName, 'Tencent SMS SdkAppId')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Tencent Cloud region')
            [CompletionResult]::new('--gateway-url', '--gateway-url', [CompletionResultType]::ParameterName, 'The HTTP gateway''s endpoint; `mobile` and `content` are added to its query')
            [CompletionResult]::new('--gateway-token', '--gateway-token', [CompletionResultType]::ParameterName, 'A token for the HTTP gateway, sent as the OPS-Token header; on the command line it is visible to other local users in the process list: prefer SMS_GATEWAY_TOKEN')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Replace the cloud provider''s scheme and host [default: $ALIYUN_SMS_BASE_URL or $TENCENT_SMS_BASE_URL, else the service''s]')
            [CompletionResult]::new('--aliyun-base-url', '--aliyun-base-url', [CompletionResultType]::ParameterName, 'aliyun-base-url')
            [CompletionResult]::new('--tencent-base-url', '--tencent-base-url', [CompletionResultType]::ParameterName, 'tencent-base-url')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--template-file', '--template-file', [CompletionResultType]::ParameterName, 'Render the message from a MiniJinja template file over --data (a missing key is an error)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'The template''s data: a JSON file, or - for stdin [default: stdin]')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit [default: split; sms --provider http: error, since every part is a paid SMS]')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)')
            [CompletionResult]::new('--image-url', '--image-url', [CompletionResultType]::ParameterName, 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)')
            [CompletionResult]::new('--attach-url', '--attach-url', [CompletionResultType]::ParameterName, 'A public file to send: gewe (GEWE_API=v2)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Take the settings from config.toml''s [targets.NAME]; the channel''s own variables are not read')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--keep-ansi', '--keep-ansi', [CompletionResultType]::ParameterName, 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;template' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'A follower''s openid (repeatable or comma-separated; one request each)')
            [CompletionResult]::new('--template-id', '--template-id', [CompletionResultType]::ParameterName, 'The template''s id')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The page the message opens when tapped')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'A template field: KEY=VALUE, or KEY=VALUE#RRGGBB for a colour; a VALUE of `-` reads stdin (repeatable)')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'The Official Account''s AppID')
            [CompletionResult]::new('--app-secret', '--app-secret', [CompletionResultType]::ParameterName, 'The Official Account''s AppSecret; on the command line it is visible to other local users in the process list: prefer WECHAT_APP_SECRET')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Replace the service''s scheme and host (private gateways, tests)')
            [CompletionResult]::new('--gateway-url', '--gateway-url', [CompletionResultType]::ParameterName, 'Send through a notices gateway (POST URL/message/v2/notices) instead of WeChat itself')
            [CompletionResult]::new('--gateway-token', '--gateway-token', [CompletionResultType]::ParameterName, 'The gateway''s Bearer token; on the command line it is visible to other local users in the process list: prefer TEMPLATE_GATEWAY_TOKEN')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'A field WeChat would cut (over 20 characters, or several lines): truncate it here, or refuse with error [default: warn and send]')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Take the settings from config.toml''s [targets.NAME]; the channel''s own variables are not read')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;feishu' {
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'The bot''s webhook token, or its whole webhook URL; on the command line it is visible to other local users in the process list: prefer FEISHU_WEBHOOK')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The bot''s signing secret (签名校验); on the command line it is visible to other local users in the process list: prefer FEISHU_SECRET')
            [CompletionResult]::new('--app-id', '--app-id', [CompletionResultType]::ParameterName, 'The app that uploads --image (a custom bot cannot): its App ID; on the command line it is visible to other local users in the process list: prefer FEISHU_APP_ID')
            [CompletionResult]::new('--app-secret', '--app-secret', [CompletionResultType]::ParameterName, 'The app''s App Secret, for --image; on the command line it is visible to other local users in the process list: prefer FEISHU_APP_SECRET')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'Markdown: the card''s header; text: a first line')
            [CompletionResult]::new('--at-user', '--at-user', [CompletionResultType]::ParameterName, '@-mention a group member by open_id, ou_… (repeatable)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Replace the service''s scheme and host (Lark: https://open.larksuite.com) [default: https://open.feishu.cn]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--template-file', '--template-file', [CompletionResultType]::ParameterName, 'Render the message from a MiniJinja template file over --data (a missing key is an error)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'The template''s data: a JSON file, or - for stdin [default: stdin]')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit [default: split; sms --provider http: error, since every part is a paid SMS]')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)')
            [CompletionResult]::new('--image-url', '--image-url', [CompletionResultType]::ParameterName, 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)')
            [CompletionResult]::new('--attach-url', '--attach-url', [CompletionResultType]::ParameterName, 'A public file to send: gewe (GEWE_API=v2)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Take the settings from config.toml''s [targets.NAME]; the channel''s own variables are not read')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--markdown', '--markdown', [CompletionResultType]::ParameterName, 'Send an interactive card with the message as markdown')
            [CompletionResult]::new('--at-all', '--at-all', [CompletionResultType]::ParameterName, '@-mention everyone in the group')
            [CompletionResult]::new('--keep-ansi', '--keep-ansi', [CompletionResultType]::ParameterName, 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;serverchan' {
            [CompletionResult]::new('--sendkey', '--sendkey', [CompletionResultType]::ParameterName, 'The SendKey (SCT… for Turbo, sctp{N}t… for Server酱³); on the command line it is visible to other local users in the process list: prefer SERVERCHAN_SENDKEY')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'The push''s title, at most 32 characters [default: the first line, cut to 32 characters]')
            [CompletionResult]::new('--short', '--short', [CompletionResultType]::ParameterName, 'The card text shown in the message list, at most 64 characters')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Replace the scheme and host the key implies (private gateways, tests)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--template-file', '--template-file', [CompletionResultType]::ParameterName, 'Render the message from a MiniJinja template file over --data (a missing key is an error)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'The template''s data: a JSON file, or - for stdin [default: stdin]')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit [default: split; sms --provider http: error, since every part is a paid SMS]')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)')
            [CompletionResult]::new('--image-url', '--image-url', [CompletionResultType]::ParameterName, 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)')
            [CompletionResult]::new('--attach-url', '--attach-url', [CompletionResultType]::ParameterName, 'A public file to send: gewe (GEWE_API=v2)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Take the settings from config.toml''s [targets.NAME]; the channel''s own variables are not read')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--keep-ansi', '--keep-ansi', [CompletionResultType]::ParameterName, 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;pushplus' {
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'The user token (用户token); on the command line it is visible to other local users in the process list: prefer PUSHPLUS_TOKEN')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'The message''s title, at most 100 characters [default: the first line]')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'How PushPlus renders the message')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Send to the members of this group (群组编码) instead of yourself')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Replace the service''s scheme and host (private gateways, tests)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--template-file', '--template-file', [CompletionResultType]::ParameterName, 'Render the message from a MiniJinja template file over --data (a missing key is an error)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'The template''s data: a JSON file, or - for stdin [default: stdin]')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit [default: split; sms --provider http: error, since every part is a paid SMS]')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)')
            [CompletionResult]::new('--image-url', '--image-url', [CompletionResultType]::ParameterName, 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)')
            [CompletionResult]::new('--attach-url', '--attach-url', [CompletionResultType]::ParameterName, 'A public file to send: gewe (GEWE_API=v2)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Take the settings from config.toml''s [targets.NAME]; the channel''s own variables are not read')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--keep-ansi', '--keep-ansi', [CompletionResultType]::ParameterName, 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;bark' {
            [CompletionResult]::new('--device-key', '--device-key', [CompletionResultType]::ParameterName, 'A device key (repeatable; the variable is comma-separated), one push each; on the command line it is visible to other local users in the process list: prefer BARK_DEVICE_KEY')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'The notification''s title [default: none, the body alone]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Group the notification with others of this name in Notification Center')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'How the notification interrupts')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The URL opened when the notification is tapped')
            [CompletionResult]::new('--sound', '--sound', [CompletionResultType]::ParameterName, 'The sound to play (a Bark sound name, e.g. minuet)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Replace the service''s scheme and host (a self-hosted bark-server, tests)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--template-file', '--template-file', [CompletionResultType]::ParameterName, 'Render the message from a MiniJinja template file over --data (a missing key is an error)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'The template''s data: a JSON file, or - for stdin [default: stdin]')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit [default: split; sms --provider http: error, since every part is a paid SMS]')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)')
            [CompletionResult]::new('--image-url', '--image-url', [CompletionResultType]::ParameterName, 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)')
            [CompletionResult]::new('--attach-url', '--attach-url', [CompletionResultType]::ParameterName, 'A public file to send: gewe (GEWE_API=v2)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Take the settings from config.toml''s [targets.NAME]; the channel''s own variables are not read')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--keep-ansi', '--keep-ansi', [CompletionResultType]::ParameterName, 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;webhook' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The endpoint; {{message}} and {{title}} in it are percent-encoded')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'The HTTP method')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A header ''Name: value'' (repeatable; the variable holds one per line); values are secrets: on the command line they are visible to other local users in the process list: prefer WEBHOOK_HEADERS')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'The body, with {{message}} and {{title}}: JSON string literals in a template that is a JSON object or array (sent as application/json), the text as it is otherwise (text/plain; a bare ''{{message}}'' sends the message itself) [default: {"text": {{message}}}]')
            [CompletionResult]::new('--content-type', '--content-type', [CompletionResultType]::ParameterName, 'The body''s Content-Type instead of application/json or text/plain (e.g. text/markdown)')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'What {{title}} becomes [default: the message''s first line]')
            [CompletionResult]::new('--success', '--success', [CompletionResultType]::ParameterName, 'A 2xx reply is success only if its JSON field PATH equals VALUE (code=0, data.ok=true)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--template-file', '--template-file', [CompletionResultType]::ParameterName, 'Render the message from a MiniJinja template file over --data (a missing key is an error)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'The template''s data: a JSON file, or - for stdin [default: stdin]')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit [default: split; sms --provider http: error, since every part is a paid SMS]')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)')
            [CompletionResult]::new('--image-url', '--image-url', [CompletionResultType]::ParameterName, 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)')
            [CompletionResult]::new('--attach-url', '--attach-url', [CompletionResultType]::ParameterName, 'A public file to send: gewe (GEWE_API=v2)')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Take the settings from config.toml''s [targets.NAME]; the channel''s own variables are not read')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--keep-ansi', '--keep-ansi', [CompletionResultType]::ParameterName, 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;send' {
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'Channels (each configured from its environment), named targets and groups of config.toml, comma-separated')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the message from a file')
            [CompletionResult]::new('--template-file', '--template-file', [CompletionResultType]::ParameterName, 'Render the message from a MiniJinja template file over --data (a missing key is an error)')
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'The template''s data: a JSON file, or - for stdin [default: stdin]')
            [CompletionResult]::new('--overflow', '--overflow', [CompletionResultType]::ParameterName, 'What to do with a message over the channel''s limit [default: split; sms --provider http: error, since every part is a paid SMS]')
            [CompletionResult]::new('--max-parts', '--max-parts', [CompletionResultType]::ParameterName, 'Most parts a split may send; more fails before anything is sent')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Override the channel''s size limit in bytes (for a service that changed its rules)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)')
            [CompletionResult]::new('--image-url', '--image-url', [CompletionResultType]::ParameterName, 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)')
            [CompletionResult]::new('--attach-url', '--attach-url', [CompletionResultType]::ParameterName, 'A public file to send: gewe (GEWE_API=v2)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--keep-ansi', '--keep-ansi', [CompletionResultType]::ParameterName, 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;run' {
            [CompletionResult]::new('--via', '--via', [CompletionResultType]::ParameterName, 'Channels (each configured from its environment), named targets and groups of config.toml, comma-separated')
            [CompletionResult]::new('--on', '--on', [CompletionResultType]::ParameterName, 'When to send the report')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'The report''s first line [default: "PROGRAM failed" or "PROGRAM succeeded"]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sendmsg;history' {
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Only sends through this channel')
            [CompletionResult]::new('--target', '--target', [CompletionResultType]::ParameterName, 'Only sends to this named target')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only sends within this long ago, e.g. 30m, 1h, 7d')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Only the last N matching sends (the global --limit is the rate limit)')
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'Only the last N matching sends (the global --limit is the rate limit)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Only sends that failed (exit 1-4; a suppressed send is not a failure)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;check' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;completions' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;import' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('apprise', 'apprise', [CompletionResultType]::ParameterValue, 'apprise URLs, or apprise configuration files (TEXT or YAML; tags become groups)')
            [CompletionResult]::new('qinglong', 'qinglong', [CompletionResultType]::ParameterValue, 'qinglong''s notify.py settings: its config.sh or an env file (DD_BOT_TOKEN, QYWX_KEY, QYWX_AM, FSKEY, PUSH_KEY, PUSH_PLUS_TOKEN, BARK_PUSH, SMTP_*)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sendmsg;import;apprise' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;import;qinglong' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;import;help' {
            [CompletionResult]::new('apprise', 'apprise', [CompletionResultType]::ParameterValue, 'apprise URLs, or apprise configuration files (TEXT or YAML; tags become groups)')
            [CompletionResult]::new('qinglong', 'qinglong', [CompletionResultType]::ParameterValue, 'qinglong''s notify.py settings: its config.sh or an env file (DD_BOT_TOKEN, QYWX_KEY, QYWX_AM, FSKEY, PUSH_KEY, PUSH_PLUS_TOKEN, BARK_PUSH, SMTP_*)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sendmsg;import;help;apprise' {
            break
        }
        'sendmsg;import;help;qinglong' {
            break
        }
        'sendmsg;import;help;help' {
            break
        }
        'sendmsg;targets' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;outbox' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Try every due message once, oldest first, and drop those older than --max-age')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Remove one message (by id) or all of them, unsent')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sendmsg;outbox;flush' {
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Give up a message older than this (recorded as `expired` in the history)')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Also try the messages still waiting out their backoff after a failed try')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;outbox;drop' {
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Remove every message')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;outbox;help' {
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Try every due message once, oldest first, and drop those older than --max-age')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Remove one message (by id) or all of them, unsent')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sendmsg;outbox;help;flush' {
            break
        }
        'sendmsg;outbox;help;drop' {
            break
        }
        'sendmsg;outbox;help;help' {
            break
        }
        'sendmsg;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address and port to listen on; a non-loopback address needs --token')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The JSON file of recorded addresses [default: $XDG_STATE_HOME/sendmsg/ddns.json]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Token every request but /healthz must carry (?token= or Authorization: Bearer); on the command line it is visible to other local users in the process list: prefer DDNS_TOKEN')
            [CompletionResult]::new('--notify', '--notify', [CompletionResultType]::ParameterName, 'Channel or named target that receives the change notifications and /api/send texts, or `none`; with a comma-separated list (wecom,ops) each next one is a fallback used when the one before fails')
            [CompletionResult]::new('--workers', '--workers', [CompletionResultType]::ParameterName, 'Threads that serve the connections (each serves any number of them)')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Connections open at once; one more gets 503 and is closed')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'How long a notification the channel does not take is retried before it is given up')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--allow-unauthenticated', '--allow-unauthenticated', [CompletionResultType]::ParameterName, 'Listen on a non-loopback address without a token (only behind a proxy that authenticates)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Validate config.toml, its routes and their templates (each rendered with a sample alert), then exit')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;serve-ddns' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address and port to listen on; a non-loopback address needs --token')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The JSON file of recorded addresses [default: $XDG_STATE_HOME/sendmsg/ddns.json]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Token every request but /healthz must carry (?token= or Authorization: Bearer); on the command line it is visible to other local users in the process list: prefer DDNS_TOKEN')
            [CompletionResult]::new('--notify', '--notify', [CompletionResultType]::ParameterName, 'Channel or named target that receives the change notifications and /api/send texts, or `none`; with a comma-separated list (wecom,ops) each next one is a fallback used when the one before fails')
            [CompletionResult]::new('--workers', '--workers', [CompletionResultType]::ParameterName, 'Threads that serve the connections (each serves any number of them)')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Connections open at once; one more gets 503 and is closed')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'How long a notification the channel does not take is retried before it is given up')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)')
            [CompletionResult]::new('--dedupe', '--dedupe', [CompletionResultType]::ParameterName, 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)')
            [CompletionResult]::new('--limit-key', '--limit-key', [CompletionResultType]::ParameterName, 'Count --limit and --dedupe under KEY (per channel) instead of the channel''s recipients')
            [CompletionResult]::new('--pace', '--pace', [CompletionResultType]::ParameterName, 'A robot''s pace, e.g. 20/m or 4/2s, or off [default: the vendor''s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]')
            [CompletionResult]::new('--allow-unauthenticated', '--allow-unauthenticated', [CompletionResultType]::ParameterName, 'Listen on a non-loopback address without a token (only behind a proxy that authenticates)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Read no env file (as SENDMSG_ENV_FILE=none)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint')
            [CompletionResult]::new('--queue', '--queue', [CompletionResultType]::ParameterName, 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build every request and print it as JSON lines; send nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sendmsg;help' {
            [CompletionResult]::new('wecom', 'wecom', [CompletionResultType]::ParameterValue, 'WeCom (企业微信) self-built app message, or a WeCom group robot')
            [CompletionResult]::new('gewe', 'gewe', [CompletionResultType]::ParameterValue, 'WeChat through a GeWe gateway (personal WeChat)')
            [CompletionResult]::new('ding', 'ding', [CompletionResultType]::ParameterValue, 'DingTalk custom robot (钉钉自定义机器人)')
            [CompletionResult]::new('email', 'email', [CompletionResultType]::ParameterValue, 'E-mail over SMTP (QQ, 163, Aliyun, Gmail, any server)')
            [CompletionResult]::new('sms', 'sms', [CompletionResultType]::ParameterValue, 'SMS through Aliyun, Tencent Cloud or an HTTP gateway')
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'WeChat Official Account (公众号) template message')
            [CompletionResult]::new('feishu', 'feishu', [CompletionResultType]::ParameterValue, 'Feishu / Lark custom bot (飞书自定义机器人)')
            [CompletionResult]::new('serverchan', 'serverchan', [CompletionResultType]::ParameterValue, 'Server酱 (ServerChan Turbo and Server酱³) WeChat push')
            [CompletionResult]::new('pushplus', 'pushplus', [CompletionResultType]::ParameterValue, 'PushPlus (推送加) WeChat push')
            [CompletionResult]::new('bark', 'bark', [CompletionResultType]::ParameterValue, 'Bark iOS push, one per device key')
            [CompletionResult]::new('webhook', 'webhook', [CompletionResultType]::ParameterValue, 'Any HTTP endpoint (ntfy, Gotify, an alert gateway): a URL and a body template')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'One message through several channels')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command, pass its output through, and report how it went')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show what was sent (the send history)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a channel''s configuration without messaging anyone')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Turn apprise URLs or qinglong''s notify settings into config.toml targets')
            [CompletionResult]::new('targets', 'targets', [CompletionResultType]::ParameterValue, 'List the named targets and groups of config.toml (secrets shown as ***)')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'The messages --queue kept for later: list, flush, drop')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'HTTP relay for Alertmanager, Grafana and any JSON to the routes of config.toml (and serve-ddns''s endpoints)')
            [CompletionResult]::new('serve-ddns', 'serve-ddns', [CompletionResultType]::ParameterValue, 'HTTP listener for ddns-go webhooks: records each user''s address, notifies on change')
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
        'sendmsg;help;feishu' {
            break
        }
        'sendmsg;help;serverchan' {
            break
        }
        'sendmsg;help;pushplus' {
            break
        }
        'sendmsg;help;bark' {
            break
        }
        'sendmsg;help;webhook' {
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
        'sendmsg;help;check' {
            break
        }
        'sendmsg;help;completions' {
            break
        }
        'sendmsg;help;import' {
            [CompletionResult]::new('apprise', 'apprise', [CompletionResultType]::ParameterValue, 'apprise URLs, or apprise configuration files (TEXT or YAML; tags become groups)')
            [CompletionResult]::new('qinglong', 'qinglong', [CompletionResultType]::ParameterValue, 'qinglong''s notify.py settings: its config.sh or an env file (DD_BOT_TOKEN, QYWX_KEY, QYWX_AM, FSKEY, PUSH_KEY, PUSH_PLUS_TOKEN, BARK_PUSH, SMTP_*)')
            break
        }
        'sendmsg;help;import;apprise' {
            break
        }
        'sendmsg;help;import;qinglong' {
            break
        }
        'sendmsg;help;targets' {
            break
        }
        'sendmsg;help;outbox' {
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Try every due message once, oldest first, and drop those older than --max-age')
            [CompletionResult]::new('drop', 'drop', [CompletionResultType]::ParameterValue, 'Remove one message (by id) or all of them, unsent')
            break
        }
        'sendmsg;help;outbox;flush' {
            break
        }
        'sendmsg;help;outbox;drop' {
            break
        }
        'sendmsg;help;serve' {
            break
        }
        'sendmsg;help;serve-ddns' {
            break
        }
        'sendmsg;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
