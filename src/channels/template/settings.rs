//! `sendmsg template` settings: WeChat or gateway mode, the recipients, and the fields (one of which may
//! be read from stdin), all checked before anything is sent.

use super::args::{FieldOverflow, TemplateArgs};
use crate::channels::Channel;
use crate::channels::template::{Field, Gateway, Notice, Wechat};
use crate::error::{Error, Exit};
use crate::secret::Secret;
use crate::settings::{Resolve, base_url, required_all};

/// Since 2023-05-04 WeChat shows at most this many characters of a field, on one line.
const SHOWN_FIELD_CHARS: usize = 20;

/// One channel per recipient, in the order given, and the fields as text (what history and `--dedupe` see).
pub(crate) struct Notices {
    pub sends: Vec<(String, Box<dyn Channel>)>,
    pub summary: String,
}

pub(crate) fn resolve(
    args: &TemplateArgs,
    how: Resolve<'_>,
    read_stdin: impl FnOnce() -> Result<String, Error>,
) -> Result<Notices, Error> {
    if !args.message.is_empty() {
        return Err(Error::bad_input(
            "template",
            "a template message takes no message text; give the values as --field KEY=VALUE (a VALUE of - reads stdin)",
        ));
    }
    let mut fields = fields(&args.field)?;
    let url = page_url(args)?;
    let recipients = openids(args)?;
    let to_list = recipients.join(",");
    let template_id = args.template_id.as_deref().unwrap_or_default().trim();
    let gateway = args.gateway_url.is_some() || args.gateway_token.is_some();
    let credentials = if gateway {
        [
            ("TEMPLATE_GATEWAY_URL", args.gateway_url.as_deref()),
            ("TEMPLATE_GATEWAY_TOKEN", args.gateway_token.as_deref()),
        ]
    } else {
        [
            ("WECHAT_APP_ID", args.app_id.as_deref()),
            ("WECHAT_APP_SECRET", args.app_secret.as_deref()),
        ]
    };
    let [(id_var, id), (secret_var, secret)] = credentials;
    let settings = [
        (id_var, id),
        (secret_var, secret),
        ("WECHAT_TEMPLATE_ID", Some(template_id)),
        ("WECHAT_TO", Some(to_list.as_str())),
    ];
    required_all("template", settings, None, how)?;
    if let Some(stdin_field) = fields.iter_mut().find(|f| f.value == "-") {
        stdin_field.value = read_stdin()?;
    }
    fit_fields(&mut fields, args.overflow, how)?;
    let summary = fields
        .iter()
        .map(|f| format!("{}: {}", f.key, f.value))
        .collect::<Vec<_>>()
        .join("\n");
    let id = id.unwrap_or_default().trim();
    let secret = secret.map(|s| Secret::new(s.trim())).unwrap_or_default();
    let notice = |to: &String| Notice {
        to: to.clone(),
        template_id: template_id.to_owned(),
        url: url.map(str::to_owned),
        fields: fields.clone(),
    };
    let channel: Box<OneChannel<'_>> = if gateway {
        let gateway_url = if id.is_empty() {
            String::new()
        } else {
            base_url("template", "TEMPLATE_GATEWAY_URL", id)?
        };
        Box::new(move |to| {
            Box::new(Gateway {
                url: gateway_url.clone(),
                token: secret.clone(),
                notice: notice(to),
            })
        })
    } else {
        let base_url = base_url("template", "WECHAT_BASE_URL", &args.base_url)?;
        Box::new(move |to| {
            Box::new(Wechat {
                app_id: id.to_owned(),
                app_secret: secret.clone(),
                base_url: base_url.clone(),
                notice: notice(to),
            })
        })
    };
    let sends = recipients
        .iter()
        .map(|to| (to.clone(), channel(to)))
        .collect();
    Ok(Notices { sends, summary })
}

/// Builds the request channel for one follower.
type OneChannel<'a> = dyn Fn(&String) -> Box<dyn Channel> + 'a;

/// `--url`, the page the message opens: http or https.
fn page_url(args: &TemplateArgs) -> Result<Option<&str>, Error> {
    let url = args.url.as_deref().map(str::trim).filter(|u| !u.is_empty());
    if let Some(bad) = url.filter(|u| !u.starts_with("https://") && !u.starts_with("http://")) {
        return Err(Error::invalid(
            "template",
            "--url",
            bad,
            "must be an http:// or https:// URL",
            Exit::BadInput,
        ));
    }
    Ok(url)
}

/// The followers' openids, each checked.
fn openids(args: &TemplateArgs) -> Result<Vec<String>, Error> {
    let recipients: Vec<String> = args
        .to
        .iter()
        .map(|to| to.trim().to_owned())
        .filter(|to| !to.is_empty())
        .collect();
    if let Some(bad) = recipients.iter().find(|to| !valid_openid(to)) {
        return Err(Error::invalid(
            "template",
            "WECHAT_TO",
            bad,
            "is not an openid (letters, digits, `_`, `-`)",
            Exit::BadInput,
        ));
    }
    Ok(recipients)
}

/// Parses every `--field`; a key may appear once and only one value may come from stdin.
fn fields(specs: &[String]) -> Result<Vec<Field>, Error> {
    let fields = specs
        .iter()
        .map(|spec| Field::parse(spec))
        .collect::<Result<Vec<_>, _>>()?;
    if fields.is_empty() {
        return Err(Error::bad_input(
            "template",
            "give the template's values with --field KEY=VALUE (repeatable)",
        ));
    }
    for (i, field) in fields.iter().enumerate() {
        if fields[..i].iter().any(|f| f.key == field.key) {
            return Err(Error::bad_input(
                "template",
                format!("--field `{}` is given twice", field.key),
            ));
        }
    }
    if fields.iter().filter(|f| f.value == "-").count() > 1 {
        return Err(Error::bad_input(
            "template",
            "only one --field can read its value from stdin (`-`)",
        ));
    }
    Ok(fields)
}

/// WeChat cuts a value over 20 characters or with line breaks without an error: warn (the default), cut
/// it here (`--overflow truncate`: one line, 19 characters and `…`), or refuse before any request
/// (`--overflow error`), naming every field that breaks the rule.
fn fit_fields(
    fields: &mut [Field],
    overflow: Option<FieldOverflow>,
    how: Resolve<'_>,
) -> Result<(), Error> {
    let broken: Vec<String> = fields
        .iter()
        .filter_map(|field| {
            let chars = field.value.chars().count();
            let lines = field.value.contains(['\n', '\r']);
            (chars > SHOWN_FIELD_CHARS || lines).then(|| {
                let breaks = if lines { " and line breaks" } else { "" };
                format!("`{}` ({chars} characters{breaks})", field.key)
            })
        })
        .collect();
    if broken.is_empty() {
        return Ok(());
    }
    let rule =
        format!("WeChat shows at most {SHOWN_FIELD_CHARS} characters of a field, on one line");
    match overflow {
        None => how.printer.note(&format!(
            "warning: template: {rule}; it will cut {} (--overflow truncate cuts here, --overflow error refuses)",
            broken.join(", ")
        )),
        Some(FieldOverflow::Error) => {
            return Err(Error::bad_input("template",format!(
                "{rule}; over it: {}; nothing was sent (shorten them, or --overflow truncate)",
                broken.join(", ")
            )));
        }
        Some(FieldOverflow::Truncate) => {
            for field in fields.iter_mut() {
                field.value = shown_part(&field.value);
            }
        }
    }
    Ok(())
}

/// The value on one line, cut to what WeChat shows with `…` as its last character.
fn shown_part(value: &str) -> String {
    let one_line = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= SHOWN_FIELD_CHARS {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(SHOWN_FIELD_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// An openid: letters, digits, `_` and `-` (28 characters in practice; up to 64 accepted).
pub fn valid_openid(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_truncated_value_is_one_line_of_twenty_characters() {
        assert_eq!(shown_part("短的"), "短的");
        assert_eq!(shown_part("line one\nline two"), "line one line two");
        let cut = shown_part(&"长".repeat(30));
        assert_eq!(cut.chars().count(), 20);
        assert!(cut.ends_with('…'));
    }
}
