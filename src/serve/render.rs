//! How `serve` renders a group of alerts for a channel: the shipped templates (DingTalk markdown, WeCom
//! robot markdown, a Feishu card's markdown, plain text for the others, in `templates/`), or a route's own,
//! and the channel options that make the channel show it as written (`--markdown`, `--title=T`).

use crate::template::{Template, TemplateError};

/// What a channel shows, and so which shipped template it gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// A DingTalk robot's markdown message (its title in the chat list).
    Ding,
    /// A WeCom robot's (or app's) markdown message.
    Wecom,
    /// A Feishu card with a header and a markdown element.
    Feishu,
    /// Text as it is, everywhere else.
    Text,
}

/// The longest title given to a channel, in bytes: a title is a line in a chat list.
pub(crate) const MAX_TITLE_BYTES: usize = 120;

impl Style {
    /// The style of channel `channel` (a registry name).
    pub(crate) fn of(channel: &str) -> Style {
        match channel {
            "ding" => Style::Ding,
            "wecom" => Style::Wecom,
            "feishu" => Style::Feishu,
            _ => Style::Text,
        }
    }

    /// The channel options for a message of this style: markdown (when `markdown`) and the title where the
    /// channel has one. Text channels get the title in the text instead ([`Style::takes_title`]).
    pub(crate) fn options(self, title: Option<&str>, markdown: bool) -> Vec<String> {
        let markdown = markdown.then(|| "--markdown".to_owned());
        let title = title
            .filter(|_| self.takes_title())
            .map(|t| format!("--title={}", cut(t, MAX_TITLE_BYTES)));
        match self {
            Style::Text => Vec::new(),
            _ => markdown.into_iter().chain(title).collect(),
        }
    }

    /// Whether the channel shows a title of its own (DingTalk's chat list, Feishu's card header).
    pub(crate) fn takes_title(self) -> bool {
        matches!(self, Style::Ding | Style::Feishu)
    }

    /// The shipped template's source.
    fn source(self) -> (&'static str, &'static str) {
        match self {
            Style::Ding => ("ding.md.j2", include_str!("templates/ding.md.j2")),
            Style::Wecom => ("wecom.md.j2", include_str!("templates/wecom.md.j2")),
            Style::Feishu => ("feishu.md.j2", include_str!("templates/feishu.md.j2")),
            Style::Text => ("text.j2", include_str!("templates/text.j2")),
        }
    }
}

/// `text` cut to at most `max` bytes on a character boundary.
pub(crate) fn cut(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The templates a route renders with: its own, if it has one, and the shipped ones.
pub(crate) struct Templates {
    custom: Option<Template>,
    shipped: [Template; 4],
}

/// A rendered message, and the route template's failure when the shipped one stood in for it.
pub(crate) struct Rendered {
    pub text: String,
    pub fallback: Option<TemplateError>,
}

impl Templates {
    /// Parses the shipped templates and, when given, the route's own (a syntax error names file and line).
    pub(crate) fn load(custom: Option<&std::path::Path>) -> Result<Templates, TemplateError> {
        let shipped = |style: Style| {
            let (name, source) = style.source();
            Template::from_source(name, source)
        };
        Ok(Templates {
            custom: custom.map(Template::from_file).transpose()?,
            shipped: [
                shipped(Style::Ding)?,
                shipped(Style::Wecom)?,
                shipped(Style::Feishu)?,
                shipped(Style::Text)?,
            ],
        })
    }

    /// Renders `data` for `style`: with the route's template, or the shipped one when it has none or it
    /// fails on this payload (a template bug never drops an alert).
    pub(crate) fn render(&self, style: Style, data: &serde_json::Value) -> Rendered {
        let fallback = match self.custom.as_ref().map(|t| t.render(data)) {
            Some(Ok(text)) => {
                return Rendered {
                    text,
                    fallback: None,
                };
            }
            Some(Err(e)) => Some(e),
            None => None,
        };
        let text = match self.shipped(style).render(data) {
            Ok(text) => text,
            // The shipped templates render every payload the receivers accept (tested); this is the
            // last resort, and still says what arrived.
            Err(e) => format!("{data}\n({e})"),
        };
        Rendered { text, fallback }
    }

    /// Renders `data` with the route's template only: what `serve --check` tries.
    pub(crate) fn check(&self, data: &serde_json::Value) -> Result<(), TemplateError> {
        match &self.custom {
            Some(template) => template.render(data).map(drop),
            None => Ok(()),
        }
    }

    fn shipped(&self, style: Style) -> &Template {
        let [ding, wecom, feishu, text] = &self.shipped;
        match style {
            Style::Ding => ding,
            Style::Wecom => wecom,
            Style::Feishu => feishu,
            Style::Text => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_channels_get_their_flags_and_text_channels_none() {
        assert_eq!(
            Style::Ding.options(Some("[FIRING:1] Disk"), true),
            ["--markdown", "--title=[FIRING:1] Disk"]
        );
        assert_eq!(Style::Wecom.options(Some("t"), true), ["--markdown"]);
        assert_eq!(Style::Feishu.options(None, true), ["--markdown"]);
        assert_eq!(Style::Ding.options(Some("t"), false), ["--title=t"]);
        assert!(Style::Text.options(Some("t"), true).is_empty());
        let long = "告警".repeat(100);
        let option = &Style::Ding.options(Some(&long), false)[0];
        assert_eq!(option.len(), "--title=".len() + 120);
    }

    #[test]
    fn a_route_template_that_fails_on_a_payload_falls_back_to_the_shipped_one() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("am.j2");
        std::fs::write(&path, "{{ commonLabels.team }}: {{ status }}\n").expect("write");
        let templates = Templates::load(Some(&path)).expect("parses");
        let data = super::super::alerts::sample();
        let rendered = templates.render(Style::Text, &data);
        let why = rendered.fallback.expect("fell back").to_string();
        assert!(why.contains("line 1") && why.contains("team"), "{why}");
        assert!(
            rendered.text.starts_with("[FIRING:1] DiskFull\n"),
            "{}",
            rendered.text
        );
    }

    #[test]
    fn a_route_template_that_does_not_parse_names_file_and_line() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("bad.j2");
        std::fs::write(&path, "ok\n{% for a in alerts %}\n").expect("write");
        let err = Templates::load(Some(&path)).err().expect("refused");
        assert_eq!(err.file, path.display().to_string());
        assert!(err.line.is_some(), "{err}");
    }
}
