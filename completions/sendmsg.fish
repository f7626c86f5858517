# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_sendmsg_global_optspecs
    string join \n env-file= no-env-file dry-run timeout= retries= json q/quiet v/verbose limit= dedupe= limit-key= pace= max-wait= config= queue h/help V/version
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

complete -c sendmsg -n "__fish_sendmsg_needs_command" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -s V -l version -d 'Print version'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "wecom" -d 'WeCom (企业微信) self-built app message, or a WeCom group robot'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "gewe" -d 'WeChat through a GeWe gateway (personal WeChat)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "ding" -d 'DingTalk custom robot (钉钉自定义机器人)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "email" -d 'E-mail over SMTP (QQ, 163, Aliyun, Gmail, any server)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "sms" -d 'SMS through Aliyun, Tencent Cloud or an HTTP gateway'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "template" -d 'WeChat Official Account (公众号) template message'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "feishu" -d 'Feishu / Lark custom bot (飞书自定义机器人)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "serverchan" -d 'Server酱 (ServerChan Turbo and Server酱³) WeChat push'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "pushplus" -d 'PushPlus (推送加) WeChat push'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "bark" -d 'Bark iOS push, one per device key'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "webhook" -d 'Any HTTP endpoint (ntfy, Gotify, an alert gateway): a URL and a body template'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "send" -d 'One message through several channels'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "run" -d 'Run a command, pass its output through, and report how it went'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "history" -d 'Show what was sent (the send history)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "check" -d 'Check a channel\'s configuration without messaging anyone'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "import" -d 'Turn apprise URLs or qinglong\'s notify settings into config.toml targets'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "targets" -d 'List the named targets and groups of config.toml (secrets shown as ***)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "outbox" -d 'The messages --queue kept for later: list, flush, drop'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "serve" -d 'HTTP relay for Alertmanager, Grafana and any JSON to the routes of config.toml (and serve-ddns\'s endpoints)'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "serve-ddns" -d 'HTTP listener for ddns-go webhooks: records each user\'s address, notifies on change'
complete -c sendmsg -n "__fish_sendmsg_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l corp-id -d 'The enterprise\'s corp ID (older name: corpId)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l corp-secret -d 'The app\'s Secret (older name: corpsecret); on the command line it is visible to other local users in the process list: prefer WECOM_CORP_SECRET' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l agent-id -d 'The app\'s AgentId, an integer (older name: agentId)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l to-user -d 'App: a member\'s userid (repeatable, or joined with `|`) [default: @all]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l to-party -d 'App: a department id (repeatable)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l to-tag -d 'App: a tag id (repeatable)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l bot-key -d 'Robot: the webhook key, or the robot\'s whole webhook URL; on the command line it is visible to other local users in the process list: prefer WECOM_BOT_KEY' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l mention-mobile -d 'Robot: @-mention a group member by mobile number, or @all (repeatable; text only)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l base-url -d 'Replace the service\'s scheme and host (private gateways, tests)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l corpId -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l corpsecret -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l agentId -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l file -d 'Read the message from a file' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l template-file -d 'Render the message from a MiniJinja template file over --data (a missing key is an error)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l data -d 'The template\'s data: a JSON file, or - for stdin [default: stdin]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l overflow -d 'What to do with a message over the channel\'s limit [default: split; sms --provider http: error, since every part is a paid SMS]' -r -f -a "split\t'Send it as numbered parts, cut at line breaks where possible'
truncate\t'Keep the head and the tail, and say how much was left out between them'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l max-parts -d 'Most parts a split may send; more fails before anything is sent' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l max-bytes -d 'Override the channel\'s size limit in bytes (for a service that changed its rules)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l image -d 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l image-url -d 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l attach -d 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l attach-url -d 'A public file to send: gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l target -d 'Take the settings from config.toml\'s [targets.NAME]; the channel\'s own variables are not read' -x -a "(_SENDMSG_COMPLETE_NAMES=targets sendmsg 2>/dev/null)"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l bot -d 'Send through the group robot (WECOM_BOT_KEY) even when app credentials are set'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l markdown -d 'Send markdown instead of text; a robot sends markdown_v2 when the message has a table or fenced code (rendered for what each type can show)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l markdown-v1 -d 'Robot: send markdown (v1: font colours and <@userid>; tables become monospace lines)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l markdown-v2 -d 'Robot: send markdown_v2 (tables and code blocks; no font colours, no <@userid>)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l keep-ansi -d 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand wecom" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l to -d 'Recipient wxid or chatroom id (repeatable; the variable is comma-separated)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l at -d '@-mention a group member by wxid (repeatable); put `@their nickname` in the text too' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l app-xml -d 'Send the app message (the `<appmsg>` XML) in FILE instead of text' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l token -d 'The gateway\'s token (header X-GEWE-TOKEN); on the command line it is visible to other local users in the process list: prefer GEWE_TOKEN' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l app-id -d 'The logged-in device\'s app id (appid)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l base-url -d 'The gateway\'s base URL (required: GeWe is self-hosted or a private domain)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l api -d 'Which GeWe API the gateway speaks' -r -f -a "legacy\t'`{base}/api/message/sendmsg` and `/api/message/sendapp` with `appid`, `to_wxid_list`'
v2\t'`{base}/message/postText` and `/message/postAppMsg` with `appId`, `toWxid` (base e.g. `http://HOST:2531/v2/api` or `https://www.geweapi.com/gewe/v2/api`)'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l file -d 'Read the message from a file' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l template-file -d 'Render the message from a MiniJinja template file over --data (a missing key is an error)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l data -d 'The template\'s data: a JSON file, or - for stdin [default: stdin]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l overflow -d 'What to do with a message over the channel\'s limit [default: split; sms --provider http: error, since every part is a paid SMS]' -r -f -a "split\t'Send it as numbered parts, cut at line breaks where possible'
truncate\t'Keep the head and the tail, and say how much was left out between them'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l max-parts -d 'Most parts a split may send; more fails before anything is sent' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l max-bytes -d 'Override the channel\'s size limit in bytes (for a service that changed its rules)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l image -d 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l image-url -d 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l attach -d 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l attach-url -d 'A public file to send: gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l target -d 'Take the settings from config.toml\'s [targets.NAME]; the channel\'s own variables are not read' -x -a "(_SENDMSG_COMPLETE_NAMES=targets sendmsg 2>/dev/null)"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l keep-ansi -d 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand gewe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l access-token -d 'The robot\'s access_token, or its whole webhook URL; on the command line it is visible to other local users in the process list: prefer DING_ACCESS_TOKEN' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l secret -d 'The robot\'s signing secret (加签, starts with SEC); when set every request is signed; on the command line it is visible to other local users in the process list: prefer DING_SECRET' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l title -d 'Markdown: the title shown in the chat list [default: the first line]; text: a first line' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l at-mobile -d '@-mention a group member by mobile number (repeatable)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l at-user -d '@-mention a group member by DingTalk user id (repeatable)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l base-url -d 'Replace the service\'s scheme and host (private gateways, tests)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l file -d 'Read the message from a file' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l template-file -d 'Render the message from a MiniJinja template file over --data (a missing key is an error)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l data -d 'The template\'s data: a JSON file, or - for stdin [default: stdin]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l overflow -d 'What to do with a message over the channel\'s limit [default: split; sms --provider http: error, since every part is a paid SMS]' -r -f -a "split\t'Send it as numbered parts, cut at line breaks where possible'
truncate\t'Keep the head and the tail, and say how much was left out between them'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l max-parts -d 'Most parts a split may send; more fails before anything is sent' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l max-bytes -d 'Override the channel\'s size limit in bytes (for a service that changed its rules)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l image -d 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l image-url -d 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l attach -d 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l attach-url -d 'A public file to send: gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l target -d 'Take the settings from config.toml\'s [targets.NAME]; the channel\'s own variables are not read' -x -a "(_SENDMSG_COMPLETE_NAMES=targets sendmsg 2>/dev/null)"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l markdown -d 'Send markdown instead of text'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l at-all -d '@-mention everyone in the group'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l keep-ansi -d 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand ding" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l host -d 'The SMTP server\'s host name' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l port -d 'The server\'s port [default: 465 for tls, 587 for starttls, 25 for none]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l security -d 'How the connection is encrypted [default: tls on port 465, else starttls]' -r -f -a "tls\t'TLS from the first byte (SMTPS, port 465): what QQ, 163 and Aliyun mail use'
starttls\t'Plain connection upgraded with STARTTLS (port 587); refused when the server does not offer it'
none\t'No encryption at all (a relay on localhost or a private network, port 25)'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l user -d 'The login name (usually your address); without it the session does not authenticate' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l password -d 'The password or app password (授权码); on the command line it is visible to other local users in the process list: prefer SMTP_PASSWORD' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l from -d 'The sender, e.g. "Backup Bot <bot@example.com>" [default: SMTP_USER]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l ca-file -d 'A PEM CA certificate to trust besides the system\'s, or the server\'s own self-signed certificate' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l to -d 'Recipient (repeatable; a value may list several, comma-separated)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l cc -d 'Carbon-copy recipient (repeatable)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l bcc -d 'Blind-copy recipient (repeatable); in no header, only in the SMTP envelope' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l subject -d 'The subject [default: the message\'s first line, cut to 78 characters]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l reply-to -d 'Where replies go, e.g. "Ops <ops@example.com>"' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l header -d 'An extra header, \'Name: value\' (repeatable; not From, To, Cc, Bcc, Subject, Date, Message-ID)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l sender -d 'The envelope sender (SMTP MAIL FROM), where bounces go [default: the From address]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l ehlo -d 'The name this machine gives in EHLO; servers that reject a bare host name want a full one [default: this host\'s name]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l tls-fingerprint -d 'Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX), self-signed or not' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l file -d 'Read the message from a file' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l template-file -d 'Render the message from a MiniJinja template file over --data (a missing key is an error)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l data -d 'The template\'s data: a JSON file, or - for stdin [default: stdin]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l overflow -d 'What to do with a message over the channel\'s limit [default: split; sms --provider http: error, since every part is a paid SMS]' -r -f -a "split\t'Send it as numbered parts, cut at line breaks where possible'
truncate\t'Keep the head and the tail, and say how much was left out between them'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l max-parts -d 'Most parts a split may send; more fails before anything is sent' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l max-bytes -d 'Override the channel\'s size limit in bytes (for a service that changed its rules)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l image -d 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l image-url -d 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l attach -d 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l attach-url -d 'A public file to send: gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l target -d 'Take the settings from config.toml\'s [targets.NAME]; the channel\'s own variables are not read' -x -a "(_SENDMSG_COMPLETE_NAMES=targets sendmsg 2>/dev/null)"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l html -d 'The message is HTML (sent as text/html)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l keep-ansi -d 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand email" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l provider -d 'The SMS provider' -r -f -a "aliyun\t'Aliyun SMS (template)'
tencent\t'Tencent Cloud SMS (template)'
http\t'A plain HTTP gateway (free text)'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l to -d 'Mobile number, mainland 11-digit or E.164 (repeatable; the variable is comma-separated)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l sign -d 'The approved signature name (签名)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l template -d 'The approved template code or id' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l param -d 'A template variable (repeatable): Aliyun by name, Tencent by position in the order given' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l access-key-id -d 'Aliyun AccessKey id' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l access-key-secret -d 'Aliyun AccessKey secret; on the command line it is visible to other local users in the process list: prefer ALIBABA_CLOUD_ACCESS_KEY_SECRET' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l secret-id -d 'Tencent Cloud SecretId' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l secret-key -d 'Tencent Cloud SecretKey; on the command line it is visible to other local users in the process list: prefer TENCENTCLOUD_SECRET_KEY' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l sdk-app-id -d 'Tencent SMS SdkAppId' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l region -d 'Tencent Cloud region' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l gateway-url -d 'The HTTP gateway\'s endpoint; `mobile` and `content` are added to its query' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l gateway-token -d 'A token for the HTTP gateway, sent as the OPS-Token header; on the command line it is visible to other local users in the process list: prefer SMS_GATEWAY_TOKEN' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l base-url -d 'Replace the cloud provider\'s scheme and host [default: $ALIYUN_SMS_BASE_URL or $TENCENT_SMS_BASE_URL, else the service\'s]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l aliyun-base-url -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l tencent-base-url -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l file -d 'Read the message from a file' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l template-file -d 'Render the message from a MiniJinja template file over --data (a missing key is an error)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l data -d 'The template\'s data: a JSON file, or - for stdin [default: stdin]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l overflow -d 'What to do with a message over the channel\'s limit [default: split; sms --provider http: error, since every part is a paid SMS]' -r -f -a "split\t'Send it as numbered parts, cut at line breaks where possible'
truncate\t'Keep the head and the tail, and say how much was left out between them'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l max-parts -d 'Most parts a split may send; more fails before anything is sent' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l max-bytes -d 'Override the channel\'s size limit in bytes (for a service that changed its rules)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l image -d 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l image-url -d 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l attach -d 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l attach-url -d 'A public file to send: gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l target -d 'Take the settings from config.toml\'s [targets.NAME]; the channel\'s own variables are not read' -x -a "(_SENDMSG_COMPLETE_NAMES=targets sendmsg 2>/dev/null)"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l keep-ansi -d 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand sms" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l to -d 'A follower\'s openid (repeatable or comma-separated; one request each)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l template-id -d 'The template\'s id' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l url -d 'The page the message opens when tapped' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l field -d 'A template field: KEY=VALUE, or KEY=VALUE#RRGGBB for a colour; a VALUE of `-` reads stdin (repeatable)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l app-id -d 'The Official Account\'s AppID' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l app-secret -d 'The Official Account\'s AppSecret; on the command line it is visible to other local users in the process list: prefer WECHAT_APP_SECRET' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l base-url -d 'Replace the service\'s scheme and host (private gateways, tests)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l gateway-url -d 'Send through a notices gateway (POST URL/message/v2/notices) instead of WeChat itself' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l gateway-token -d 'The gateway\'s Bearer token; on the command line it is visible to other local users in the process list: prefer TEMPLATE_GATEWAY_TOKEN' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l overflow -d 'A field WeChat would cut (over 20 characters, or several lines): truncate it here, or refuse with error [default: warn and send]' -r -f -a "truncate\t'Cut it here to one line of 19 characters and `…`'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l target -d 'Take the settings from config.toml\'s [targets.NAME]; the channel\'s own variables are not read' -x -a "(_SENDMSG_COMPLETE_NAMES=targets sendmsg 2>/dev/null)"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand template" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l webhook -d 'The bot\'s webhook token, or its whole webhook URL; on the command line it is visible to other local users in the process list: prefer FEISHU_WEBHOOK' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l secret -d 'The bot\'s signing secret (签名校验); on the command line it is visible to other local users in the process list: prefer FEISHU_SECRET' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l app-id -d 'The app that uploads --image (a custom bot cannot): its App ID; on the command line it is visible to other local users in the process list: prefer FEISHU_APP_ID' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l app-secret -d 'The app\'s App Secret, for --image; on the command line it is visible to other local users in the process list: prefer FEISHU_APP_SECRET' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l title -d 'Markdown: the card\'s header; text: a first line' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l at-user -d '@-mention a group member by open_id, ou_… (repeatable)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l base-url -d 'Replace the service\'s scheme and host (Lark: https://open.larksuite.com) [default: https://open.feishu.cn]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l file -d 'Read the message from a file' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l template-file -d 'Render the message from a MiniJinja template file over --data (a missing key is an error)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l data -d 'The template\'s data: a JSON file, or - for stdin [default: stdin]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l overflow -d 'What to do with a message over the channel\'s limit [default: split; sms --provider http: error, since every part is a paid SMS]' -r -f -a "split\t'Send it as numbered parts, cut at line breaks where possible'
truncate\t'Keep the head and the tail, and say how much was left out between them'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l max-parts -d 'Most parts a split may send; more fails before anything is sent' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l max-bytes -d 'Override the channel\'s size limit in bytes (for a service that changed its rules)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l image -d 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l image-url -d 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l attach -d 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l attach-url -d 'A public file to send: gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l target -d 'Take the settings from config.toml\'s [targets.NAME]; the channel\'s own variables are not read' -x -a "(_SENDMSG_COMPLETE_NAMES=targets sendmsg 2>/dev/null)"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l markdown -d 'Send an interactive card with the message as markdown'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l at-all -d '@-mention everyone in the group'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l keep-ansi -d 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand feishu" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l sendkey -d 'The SendKey (SCT… for Turbo, sctp{N}t… for Server酱³); on the command line it is visible to other local users in the process list: prefer SERVERCHAN_SENDKEY' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l title -d 'The push\'s title, at most 32 characters [default: the first line, cut to 32 characters]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l short -d 'The card text shown in the message list, at most 64 characters' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l base-url -d 'Replace the scheme and host the key implies (private gateways, tests)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l file -d 'Read the message from a file' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l template-file -d 'Render the message from a MiniJinja template file over --data (a missing key is an error)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l data -d 'The template\'s data: a JSON file, or - for stdin [default: stdin]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l overflow -d 'What to do with a message over the channel\'s limit [default: split; sms --provider http: error, since every part is a paid SMS]' -r -f -a "split\t'Send it as numbered parts, cut at line breaks where possible'
truncate\t'Keep the head and the tail, and say how much was left out between them'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l max-parts -d 'Most parts a split may send; more fails before anything is sent' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l max-bytes -d 'Override the channel\'s size limit in bytes (for a service that changed its rules)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l image -d 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l image-url -d 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l attach -d 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l attach-url -d 'A public file to send: gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l target -d 'Take the settings from config.toml\'s [targets.NAME]; the channel\'s own variables are not read' -x -a "(_SENDMSG_COMPLETE_NAMES=targets sendmsg 2>/dev/null)"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l keep-ansi -d 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serverchan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l token -d 'The user token (用户token); on the command line it is visible to other local users in the process list: prefer PUSHPLUS_TOKEN' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l title -d 'The message\'s title, at most 100 characters [default: the first line]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l template -d 'How PushPlus renders the message' -r -f -a "txt\t'Plain text, shown as written'
html\t'HTML'
markdown\t'Markdown'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l topic -d 'Send to the members of this group (群组编码) instead of yourself' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l base-url -d 'Replace the service\'s scheme and host (private gateways, tests)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l file -d 'Read the message from a file' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l template-file -d 'Render the message from a MiniJinja template file over --data (a missing key is an error)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l data -d 'The template\'s data: a JSON file, or - for stdin [default: stdin]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l overflow -d 'What to do with a message over the channel\'s limit [default: split; sms --provider http: error, since every part is a paid SMS]' -r -f -a "split\t'Send it as numbered parts, cut at line breaks where possible'
truncate\t'Keep the head and the tail, and say how much was left out between them'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l max-parts -d 'Most parts a split may send; more fails before anything is sent' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l max-bytes -d 'Override the channel\'s size limit in bytes (for a service that changed its rules)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l image -d 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l image-url -d 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l attach -d 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l attach-url -d 'A public file to send: gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l target -d 'Take the settings from config.toml\'s [targets.NAME]; the channel\'s own variables are not read' -x -a "(_SENDMSG_COMPLETE_NAMES=targets sendmsg 2>/dev/null)"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l keep-ansi -d 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand pushplus" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l device-key -d 'A device key (repeatable; the variable is comma-separated), one push each; on the command line it is visible to other local users in the process list: prefer BARK_DEVICE_KEY' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l title -d 'The notification\'s title [default: none, the body alone]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l group -d 'Group the notification with others of this name in Notification Center' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l level -d 'How the notification interrupts' -r -f -a "active\t'The default: sound and banner'
timeSensitive\t'Breaks through Focus modes'
passive\t'Added to the list silently'
critical\t'Sounds even when muted (needs the critical-alert permission)'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l url -d 'The URL opened when the notification is tapped' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l sound -d 'The sound to play (a Bark sound name, e.g. minuet)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l base-url -d 'Replace the service\'s scheme and host (a self-hosted bark-server, tests)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l file -d 'Read the message from a file' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l template-file -d 'Render the message from a MiniJinja template file over --data (a missing key is an error)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l data -d 'The template\'s data: a JSON file, or - for stdin [default: stdin]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l overflow -d 'What to do with a message over the channel\'s limit [default: split; sms --provider http: error, since every part is a paid SMS]' -r -f -a "split\t'Send it as numbered parts, cut at line breaks where possible'
truncate\t'Keep the head and the tail, and say how much was left out between them'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l max-parts -d 'Most parts a split may send; more fails before anything is sent' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l max-bytes -d 'Override the channel\'s size limit in bytes (for a service that changed its rules)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l image -d 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l image-url -d 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l attach -d 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l attach-url -d 'A public file to send: gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l target -d 'Take the settings from config.toml\'s [targets.NAME]; the channel\'s own variables are not read' -x -a "(_SENDMSG_COMPLETE_NAMES=targets sendmsg 2>/dev/null)"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l keep-ansi -d 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand bark" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l url -d 'The endpoint; {{message}} and {{title}} in it are percent-encoded' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l method -d 'The HTTP method' -r -f -a "POST\t''
PUT\t''
GET\t'No body: put {{message}} in the URL'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l header -d 'A header \'Name: value\' (repeatable; the variable holds one per line); values are secrets: on the command line they are visible to other local users in the process list: prefer WEBHOOK_HEADERS' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l body -d 'The body, with {{message}} and {{title}}: JSON string literals in a template that is a JSON object or array (sent as application/json), the text as it is otherwise (text/plain; a bare \'{{message}}\' sends the message itself) [default: {"text": {{message}}}]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l content-type -d 'The body\'s Content-Type instead of application/json or text/plain (e.g. text/markdown)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l title -d 'What {{title}} becomes [default: the message\'s first line]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l success -d 'A 2xx reply is success only if its JSON field PATH equals VALUE (code=0, data.ok=true)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l file -d 'Read the message from a file' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l template-file -d 'Render the message from a MiniJinja template file over --data (a missing key is an error)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l data -d 'The template\'s data: a JSON file, or - for stdin [default: stdin]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l overflow -d 'What to do with a message over the channel\'s limit [default: split; sms --provider http: error, since every part is a paid SMS]' -r -f -a "split\t'Send it as numbered parts, cut at line breaks where possible'
truncate\t'Keep the head and the tail, and say how much was left out between them'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l max-parts -d 'Most parts a split may send; more fails before anything is sent' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l max-bytes -d 'Override the channel\'s size limit in bytes (for a service that changed its rules)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l image -d 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l image-url -d 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l attach -d 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l attach-url -d 'A public file to send: gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l target -d 'Take the settings from config.toml\'s [targets.NAME]; the channel\'s own variables are not read' -x -a "(_SENDMSG_COMPLETE_NAMES=targets sendmsg 2>/dev/null)"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l keep-ansi -d 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand webhook" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l via -d 'Channels (each configured from its environment), named targets and groups of config.toml, comma-separated' -x -a "(_SENDMSG_COMPLETE_NAMES=via sendmsg 2>/dev/null)"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l file -d 'Read the message from a file' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l template-file -d 'Render the message from a MiniJinja template file over --data (a missing key is an error)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l data -d 'The template\'s data: a JSON file, or - for stdin [default: stdin]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l overflow -d 'What to do with a message over the channel\'s limit [default: split; sms --provider http: error, since every part is a paid SMS]' -r -f -a "split\t'Send it as numbered parts, cut at line breaks where possible'
truncate\t'Keep the head and the tail, and say how much was left out between them'
error\t'Refuse to send it'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l max-parts -d 'Most parts a split may send; more fails before anything is sent' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l max-bytes -d 'Override the channel\'s size limit in bytes (for a service that changed its rules)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l image -d 'An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l image-url -d 'A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l attach -d 'A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment; repeatable)' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l attach-url -d 'A public file to send: gewe (GEWE_API=v2)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l keep-ansi -d 'Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included [default: cleaned the way a terminal shows it]'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l via -d 'Channels (each configured from its environment), named targets and groups of config.toml, comma-separated' -x -a "(_SENDMSG_COMPLETE_NAMES=via sendmsg 2>/dev/null)"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l on -d 'When to send the report' -r -f -a "failure\t'Only when the command fails (non-zero exit, a signal, or it cannot start)'
always\t'Every time'"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l title -d 'The report\'s first line [default: "PROGRAM failed" or "PROGRAM succeeded"]' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l channel -d 'Only sends through this channel' -r -f -a "wecom\t''
gewe\t''
ding\t''
email\t''
sms\t''
template\t''
feishu\t''
serverchan\t''
pushplus\t''
bark\t''
webhook\t''"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l target -d 'Only sends to this named target' -x -a "(_SENDMSG_COMPLETE_NAMES=targets sendmsg 2>/dev/null)"
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l since -d 'Only sends within this long ago, e.g. 30m, 1h, 7d' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -s n -l last -d 'Only the last N matching sends (the global --limit is the rate limit)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l failed -d 'Only sends that failed (exit 1-4; a suppressed send is not a failure)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand history" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand completions" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -f -a "apprise" -d 'apprise URLs, or apprise configuration files (TEXT or YAML; tags become groups)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -f -a "qinglong" -d 'qinglong\'s notify.py settings: its config.sh or an env file (DD_BOT_TOKEN, QYWX_KEY, QYWX_AM, FSKEY, PUSH_KEY, PUSH_PLUS_TOKEN, BARK_PUSH, SMTP_*)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and not __fish_seen_subcommand_from apprise qinglong help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and __fish_seen_subcommand_from apprise" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and __fish_seen_subcommand_from apprise" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and __fish_seen_subcommand_from apprise" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and __fish_seen_subcommand_from qinglong" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and __fish_seen_subcommand_from qinglong" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and __fish_seen_subcommand_from qinglong" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "apprise" -d 'apprise URLs, or apprise configuration files (TEXT or YAML; tags become groups)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "qinglong" -d 'qinglong\'s notify.py settings: its config.sh or an env file (DD_BOT_TOKEN, QYWX_KEY, QYWX_AM, FSKEY, PUSH_KEY, PUSH_PLUS_TOKEN, BARK_PUSH, SMTP_*)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand targets" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -f -a "flush" -d 'Try every due message once, oldest first, and drop those older than --max-age'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -f -a "drop" -d 'Remove one message (by id) or all of them, unsent'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and not __fish_seen_subcommand_from flush drop help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from flush" -l max-age -d 'Give up a message older than this (recorded as `expired` in the history)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from flush" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from flush" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from flush" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from flush" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from flush" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from flush" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from flush" -l now -d 'Also try the messages still waiting out their backoff after a failed try'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from flush" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from flush" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from flush" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from flush" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from drop" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from drop" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from drop" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from drop" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from drop" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from drop" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from drop" -l all -d 'Remove every message'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from drop" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from drop" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from drop" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from drop" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "flush" -d 'Try every due message once, oldest first, and drop those older than --max-age'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "drop" -d 'Remove one message (by id) or all of them, unsent'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l listen -d 'Address and port to listen on; a non-loopback address needs --token' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l store -d 'The JSON file of recorded addresses [default: $XDG_STATE_HOME/sendmsg/ddns.json]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l token -d 'Token every request but /healthz must carry (?token= or Authorization: Bearer); on the command line it is visible to other local users in the process list: prefer DDNS_TOKEN' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l notify -d 'Channel or named target that receives the change notifications and /api/send texts, or `none`; with a comma-separated list (wecom,ops) each next one is a fallback used when the one before fails' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l workers -d 'Threads that serve the connections (each serves any number of them)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l max-connections -d 'Connections open at once; one more gets 503 and is closed' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l max-age -d 'How long a notification the channel does not take is retried before it is given up' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l allow-unauthenticated -d 'Listen on a non-loopback address without a token (only behind a proxy that authenticates)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l check -d 'Validate config.toml, its routes and their templates (each rendered with a sample alert), then exit'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l listen -d 'Address and port to listen on; a non-loopback address needs --token' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l store -d 'The JSON file of recorded addresses [default: $XDG_STATE_HOME/sendmsg/ddns.json]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l token -d 'Token every request but /healthz must carry (?token= or Authorization: Bearer); on the command line it is visible to other local users in the process list: prefer DDNS_TOKEN' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l notify -d 'Channel or named target that receives the change notifications and /api/send texts, or `none`; with a comma-separated list (wecom,ops) each next one is a fallback used when the one before fails' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l workers -d 'Threads that serve the connections (each serves any number of them)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l max-connections -d 'Connections open at once; one more gets 503 and is closed' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l max-age -d 'How long a notification the channel does not take is retried before it is given up' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l env-file -d 'dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the environment wins over them; `none` reads none' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l timeout -d 'Whole-request timeout in seconds' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l retries -d 'Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l limit -d 'Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l dedupe -d 'Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l limit-key -d 'Count --limit and --dedupe under KEY (per channel) instead of the channel\'s recipients' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l pace -d 'A robot\'s pace, e.g. 20/m or 4/2s, or off [default: the vendor\'s: DingTalk and WeCom robots 20/m, Feishu 5/s and 100/m]; a part over it waits for its slot' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l max-wait -d 'How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)' -r
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l config -d 'The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]' -r -F
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l allow-unauthenticated -d 'Listen on a non-loopback address without a token (only behind a proxy that authenticates)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l no-env-file -d 'Read no env file (as SENDMSG_ENV_FILE=none)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l json -d 'One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l queue -d 'Keep a message that still fails after the retries, without having reached the service, in the outbox and exit 0; `sendmsg outbox flush` sends it later'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -l dry-run -d 'Build every request and print it as JSON lines; send nothing'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -s q -l quiet -d 'Print nothing on success'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -s v -l verbose -d 'Log each request (method, redacted URL, status, time) and the env and config files read, to stderr (-vv says the same)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand serve-ddns" -s h -l help -d 'Print help'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "wecom" -d 'WeCom (企业微信) self-built app message, or a WeCom group robot'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "gewe" -d 'WeChat through a GeWe gateway (personal WeChat)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "ding" -d 'DingTalk custom robot (钉钉自定义机器人)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "email" -d 'E-mail over SMTP (QQ, 163, Aliyun, Gmail, any server)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "sms" -d 'SMS through Aliyun, Tencent Cloud or an HTTP gateway'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "template" -d 'WeChat Official Account (公众号) template message'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "feishu" -d 'Feishu / Lark custom bot (飞书自定义机器人)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "serverchan" -d 'Server酱 (ServerChan Turbo and Server酱³) WeChat push'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "pushplus" -d 'PushPlus (推送加) WeChat push'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "bark" -d 'Bark iOS push, one per device key'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "webhook" -d 'Any HTTP endpoint (ntfy, Gotify, an alert gateway): a URL and a body template'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "send" -d 'One message through several channels'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "run" -d 'Run a command, pass its output through, and report how it went'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "history" -d 'Show what was sent (the send history)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "check" -d 'Check a channel\'s configuration without messaging anyone'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "completions" -d 'Print a shell completion script'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "import" -d 'Turn apprise URLs or qinglong\'s notify settings into config.toml targets'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "targets" -d 'List the named targets and groups of config.toml (secrets shown as ***)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "outbox" -d 'The messages --queue kept for later: list, flush, drop'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "serve" -d 'HTTP relay for Alertmanager, Grafana and any JSON to the routes of config.toml (and serve-ddns\'s endpoints)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "serve-ddns" -d 'HTTP listener for ddns-go webhooks: records each user\'s address, notifies on change'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and not __fish_seen_subcommand_from wecom gewe ding email sms template feishu serverchan pushplus bark webhook send run history check completions import targets outbox serve serve-ddns help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "apprise" -d 'apprise URLs, or apprise configuration files (TEXT or YAML; tags become groups)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "qinglong" -d 'qinglong\'s notify.py settings: its config.sh or an env file (DD_BOT_TOKEN, QYWX_KEY, QYWX_AM, FSKEY, PUSH_KEY, PUSH_PLUS_TOKEN, BARK_PUSH, SMTP_*)'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and __fish_seen_subcommand_from outbox" -f -a "flush" -d 'Try every due message once, oldest first, and drop those older than --max-age'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand help; and __fish_seen_subcommand_from outbox" -f -a "drop" -d 'Remove one message (by id) or all of them, unsent'
complete -c sendmsg -n "__fish_sendmsg_using_subcommand check" -f -a "(_SENDMSG_COMPLETE_NAMES=check sendmsg 2>/dev/null)"
