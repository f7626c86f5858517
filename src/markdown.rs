//! Markdown that renders on each channel: the blocks a channel cannot show (tables, fenced code, headings
//! in a Feishu card) are rewritten into what it can, and everything else is left byte for byte, so a
//! channel's own syntax (`<font color>`, `<@userid>`, `<at>`) survives. Pure: text in, text out.
//!
//! pulldown-cmark finds the blocks; only top-level ones are rewritten (a table inside a quote or a list
//! keeps its line prefixes by being left alone).

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// What a channel's markdown can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// DingTalk robot markdown: no tables and no fences; indented blocks show monospace.
    Ding,
    /// WeCom `markdown` (robot v1 and app): no tables, no code blocks, but inline code.
    WecomV1,
    /// WeCom robot `markdown_v2`: tables and fenced code render as they are.
    WecomV2,
    /// A Feishu card's markdown element (card JSON 1.0): code blocks, but no tables and no headings.
    Feishu,
}

/// `source` rewritten for `dialect`.
pub(crate) fn render(source: &str, dialect: Dialect) -> String {
    if dialect == Dialect::WecomV2 {
        return source.to_owned();
    }
    let mut out = String::with_capacity(source.len());
    let mut copied = 0;
    for block in blocks(source) {
        let Some(text) = block.render(dialect) else {
            continue;
        };
        out.push_str(&source[copied..block.range.start]);
        // An indented block must not continue a paragraph: it needs a blank line before it.
        if dialect == Dialect::Ding && !out.is_empty() && !out.ends_with("\n\n") {
            out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
        }
        out.push_str(&text);
        // The block's own line end, whether or not the parser counted it in the block.
        let mut end = block.range.end;
        if !source[..end].ends_with('\n') && source[end..].starts_with('\n') {
            end += 1;
        }
        if source[..end].ends_with('\n') {
            out.push('\n');
        }
        copied = end;
        if dialect == Dialect::Ding
            && !source[copied..].is_empty()
            && !source[copied..].starts_with('\n')
        {
            out.push('\n');
        }
    }
    out.push_str(&source[copied..]);
    out
}

/// Whether `source` has a table or fenced code at any depth: what makes WeCom's robot pick `markdown_v2`.
pub(crate) fn has_table_or_fence(source: &str) -> bool {
    Parser::new_ext(source, Options::ENABLE_TABLES).any(|event| {
        matches!(
            event,
            Event::Start(Tag::Table(_) | Tag::CodeBlock(CodeBlockKind::Fenced(_)))
        )
    })
}

/// Whether `source` uses WeCom `markdown` syntax that `markdown_v2` does not show: font colours and
/// `<@userid>` mentions (the service's documentation says v2 supports neither).
pub(crate) fn has_v1_only_syntax(source: &str) -> bool {
    source.contains("<font color") || source.contains("<@")
}

/// One top-level block that some dialect rewrites.
struct Block {
    range: Range<usize>,
    kind: Kind,
}

enum Kind {
    Table {
        aligns: Vec<Alignment>,
        rows: Vec<Vec<String>>,
    },
    Code(String),
    Heading(String),
}

impl Block {
    /// The block's replacement in `dialect`, or `None` when the dialect shows it as written.
    fn render(&self, dialect: Dialect) -> Option<String> {
        let lines = match &self.kind {
            Kind::Table { aligns, rows } => aligned(aligns, rows),
            Kind::Code(code) => code.lines().map(str::to_owned).collect(),
            Kind::Heading(text) => {
                return (dialect == Dialect::Feishu).then(|| format!("**{text}**"));
            }
        };
        match (dialect, &self.kind) {
            (Dialect::Ding, _) => Some(indented(&lines)),
            (Dialect::WecomV1, _) => Some(inline_code(&lines)),
            (Dialect::Feishu, Kind::Table { .. }) => {
                Some(format!("```\n{}\n```", lines.join("\n")))
            }
            _ => None,
        }
    }
}

/// The top-level tables, code blocks and headings of `source`, in order.
fn blocks(source: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<(Range<usize>, Kind)> = None;
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    for (event, range) in Parser::new_ext(source, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    current = match tag {
                        Tag::Table(aligns) => Some((
                            range,
                            Kind::Table {
                                aligns,
                                rows: Vec::new(),
                            },
                        )),
                        Tag::CodeBlock(_) => Some((range, Kind::Code(String::new()))),
                        Tag::Heading { .. } => Some((range, Kind::Heading(String::new()))),
                        _ => None,
                    };
                }
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                match (end, &mut current) {
                    (TagEnd::TableCell, _) => row.push(std::mem::take(&mut cell).trim().to_owned()),
                    (TagEnd::TableHead | TagEnd::TableRow, Some((_, Kind::Table { rows, .. }))) => {
                        rows.push(std::mem::take(&mut row));
                    }
                    _ => {}
                }
                if depth == 0
                    && let Some((range, kind)) = current.take()
                {
                    found.push(Block { range, kind });
                }
            }
            Event::Text(text) | Event::Code(text) => match &mut current {
                Some((_, Kind::Table { .. })) => cell.push_str(&text),
                Some((_, Kind::Code(code) | Kind::Heading(code))) => code.push_str(&text),
                None => {}
            },
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, Kind::Heading(text))) = &mut current {
                    text.push(' ');
                }
            }
            _ => {}
        }
    }
    found
}

/// The rows as monospace lines: columns padded to their widest cell (East Asian characters count two),
/// a rule under the header.
fn aligned(aligns: &[Alignment], rows: &[Vec<String>]) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<String>| cells.join(" | ").trim_end().to_owned();
    let mut lines = Vec::with_capacity(rows.len() + 1);
    for (i, row) in rows.iter().enumerate() {
        let cells = (0..columns)
            .map(|c| {
                let text = row.get(c).map_or("", String::as_str);
                pad(
                    text,
                    widths[c],
                    aligns.get(c).copied().unwrap_or(Alignment::None),
                )
            })
            .collect();
        lines.push(line(cells));
        if i == 0 {
            lines.push(
                widths
                    .iter()
                    .map(|w| "-".repeat(*w))
                    .collect::<Vec<_>>()
                    .join("-+-"),
            );
        }
    }
    lines
}

fn pad(text: &str, width: usize, align: Alignment) -> String {
    let room = width.saturating_sub(text.width());
    let (left, right) = match align {
        Alignment::Right => (room, 0),
        Alignment::Center => (room / 2, room - room / 2),
        Alignment::Left | Alignment::None => (0, room),
    };
    format!("{}{text}{}", " ".repeat(left), " ".repeat(right))
}

/// Lines as an indented (monospace) block.
fn indented(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Lines as inline code each, the one monospace WeCom `markdown` shows; a line with a backtick stays
/// plain, since it cannot be quoted.
fn inline_code(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| {
            if l.trim().is_empty() || l.contains('`') {
                l.clone()
            } else {
                format!("`{l}`")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    const CASES: &[&str] = &["table", "fence", "list"];
    const DIALECTS: &[(Dialect, &str)] = &[
        (Dialect::Ding, "ding"),
        (Dialect::WecomV1, "wecom-v1"),
        (Dialect::WecomV2, "wecom-v2"),
        (Dialect::Feishu, "feishu"),
    ];

    fn golden_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/markdown")
    }

    /// Each case rendered for each dialect equals its golden file;
    /// `SENDMSG_UPDATE_GOLDEN=1` writes them instead.
    #[test]
    fn renderings_match_the_golden_files() {
        let dir = golden_dir();
        let update = std::env::var_os("SENDMSG_UPDATE_GOLDEN").is_some();
        for case in CASES {
            let source = std::fs::read_to_string(dir.join(format!("{case}.md")))
                .unwrap_or_else(|e| panic!("{case}.md: {e}"));
            for (dialect, name) in DIALECTS {
                let path = dir.join(format!("{case}.{name}.md"));
                let rendered = render(&source, *dialect);
                if update {
                    std::fs::write(&path, &rendered).unwrap_or_else(|e| panic!("{e}"));
                    continue;
                }
                let golden = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert_eq!(rendered, golden, "{case} for {name}");
            }
        }
    }

    #[test]
    fn a_table_is_aligned_by_display_width() {
        let source = "| 主机 | cpu |\n|:--|--:|\n| web-1 | 7% |\n| 数据库 | 93% |\n";
        assert_eq!(
            render(source, Dialect::Ding),
            "    主机   | cpu\n    -------+----\n    web-1  |  7%\n    数据库 | 93%\n"
        );
    }

    #[test]
    fn nested_blocks_and_v1_syntax_are_left_alone() {
        let quoted = "> ```\n> code\n> ```\n";
        assert_eq!(render(quoted, Dialect::Ding), quoted);
        let colours = "<font color=\"warning\">disk</font> <@zhangsan>\n";
        assert_eq!(render(colours, Dialect::WecomV1), colours);
        assert!(has_v1_only_syntax(colours));
        assert!(!has_table_or_fence(colours));
        assert!(has_table_or_fence(quoted));
        assert!(has_table_or_fence("a\n\n|x|y|\n|-|-|\n|1|2|\n"));
    }

    #[test]
    fn an_indented_block_gets_a_blank_line_either_side() {
        assert_eq!(
            render("before\n```sh\nls -l\n```\nafter", Dialect::Ding),
            "before\n\n    ls -l\n\nafter"
        );
    }
}
