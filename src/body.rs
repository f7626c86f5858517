//! The message body: MESSAGE words, `-` or nothing for stdin, or `--file`.

use crate::error::Error;
use std::io::Read;
use std::path::Path;

/// The largest body read from stdin or `--file`: far above any channel's limit (10 MB still splits or
/// truncates as asked), and low enough that `--file /dev/zero` or an endless pipe ends in an error rather
/// than in memory exhaustion.
pub(crate) const MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;

/// Where the body comes from, as given on the command line.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BodySource<'a> {
    pub words: &'a [String],
    pub file: Option<&'a Path>,
    /// `--keep-ansi`: a body from stdin or a file is sent as it is, not [`clean`]ed.
    pub keep_ansi: bool,
}

/// How a body is read: [`read`], or [`read_optional`] for a message that may be empty.
pub(crate) type Reader = fn(BodySource<'_>, &mut dyn Read, bool) -> Result<String, Error>;

/// Reads the body. Stdin is read only when no words are given (or the one word `-`), and never when it is
/// a terminal: a cron job or CI step must fail at once rather than wait for input that cannot come.
pub(crate) fn read(
    source: BodySource<'_>,
    stdin: &mut dyn Read,
    stdin_is_terminal: bool,
) -> Result<String, Error> {
    if stdin_is_terminal && source.reads_stdin() {
        return Err(Error::BadInput(
            "no message: give it as arguments, with --file, or pipe it on stdin".into(),
        ));
    }
    let text = read_text(source, stdin)?;
    if text.trim().is_empty() {
        return Err(Error::BadInput("the message is empty".into()));
    }
    Ok(text)
}

/// As [`read`], for a message that may be empty (an e-mail that carries attachments): no text, or a
/// terminal on stdin, is an empty body.
pub(crate) fn read_optional(
    source: BodySource<'_>,
    stdin: &mut dyn Read,
    stdin_is_terminal: bool,
) -> Result<String, Error> {
    if stdin_is_terminal && source.reads_stdin() {
        return Ok(String::new());
    }
    read_text(source, stdin)
}

impl BodySource<'_> {
    fn reads_stdin(&self) -> bool {
        self.file.is_none() && (self.words.is_empty() || self.words == ["-"])
    }
}

fn read_text(source: BodySource<'_>, stdin: &mut dyn Read) -> Result<String, Error> {
    let raw = if let Some(path) = source.file {
        read_file(path)
            .map_err(|e| Error::BadInput(format!("cannot read --file {}: {e}", path.display())))?
    } else if source.reads_stdin() {
        read_bounded(stdin)
            .map_err(|e| Error::BadInput(format!("cannot read the message from stdin: {e}")))?
    } else {
        return Ok(finish(source.words.join(" ")));
    };
    let text = String::from_utf8_lossy(&raw);
    Ok(finish(if source.keep_ansi {
        text.into_owned()
    } else {
        clean(&text)
    }))
}

/// The text as a terminal shows it, for a chat app that would show the control codes as garbage (`make
/// 2>&1 | sendmsg ding`): ANSI escape sequences (colours, cursor moves, OSC titles) removed, CRLF made
/// LF, and of a line that lone CRs redraw (a progress bar) only what follows the last one.
pub(crate) fn clean(text: &str) -> String {
    if !text.contains(['\u{1b}', '\r']) {
        return text.to_owned();
    }
    let plain = strip_escapes(text);
    let mut out = String::with_capacity(plain.len());
    for (i, line) in plain.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // A CR that ends the line (CRLF, or a bar's last redraw) overwrites nothing.
        let line = line.trim_end_matches('\r');
        out.push_str(line.rsplit('\r').next().unwrap_or(line));
    }
    out
}

/// Removes escape sequences: CSI (`ESC [ … final`), OSC and the other strings (`ESC ] … BEL` or `ESC \`),
/// and the two- and three-character ones (`ESC c`, `ESC ( B`).
fn strip_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                // Parameters and intermediates are 0x20-0x3F; the final byte is 0x40-0x7E.
                for c in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        break;
                    }
                }
            }
            Some(']' | 'P' | 'X' | '^' | '_') => {
                while let Some(c) = chars.next() {
                    if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                        break;
                    }
                }
            }
            Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
                chars.next();
            }
            _ => {}
        }
    }
    out
}

/// Reads a whole file the user named (a body, an attachment, an app message), or fails past
/// [`MAX_BODY_BYTES`]: `std::fs::read` of `/dev/zero` never ends.
pub(crate) fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    read_bounded(std::fs::File::open(path)?)
}

fn read_bounded(source: impl Read) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    source.take(MAX_BODY_BYTES + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > MAX_BODY_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("it is over {} MiB", MAX_BODY_BYTES >> 20),
        ));
    }
    Ok(buf)
}

/// The message rendered from a template file over JSON data (`--template-file FILE --data FILE|-`): the
/// data read and parsed first, so invalid JSON is named with its line and column.
pub(crate) fn render(
    template: &Path,
    data: &Path,
    stdin: &mut dyn Read,
    stdin_is_terminal: bool,
) -> Result<String, Error> {
    let from_stdin = data == Path::new("-");
    let shown = if from_stdin {
        "stdin".to_owned()
    } else {
        data.display().to_string()
    };
    if from_stdin && stdin_is_terminal {
        return Err(Error::BadInput(
            "--data -: stdin is a terminal; pipe the JSON in or name a file".into(),
        ));
    }
    let raw = if from_stdin {
        read_bounded(stdin)
    } else {
        read_file(data)
    }
    .map_err(|e| Error::BadInput(format!("cannot read --data {shown}: {e}")))?;
    let json: serde_json::Value = serde_json::from_slice(&raw)
        .map_err(|e| Error::BadInput(format!("--data {shown} is not valid JSON: {e}")))?;
    let template = crate::template::Template::from_file(template)
        .map_err(|e| Error::BadInput(format!("--template-file {e}")))?;
    template
        .render(&json)
        .map_err(|e| Error::BadInput(format!("--template-file {e}")))
}

/// Without its one trailing newline.
fn finish(mut text: String) -> String {
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from_stdin(input: &[u8]) -> Result<String, Error> {
        read(BodySource::default(), &mut &input[..], false)
    }

    #[test]
    fn words_are_joined_with_single_spaces() {
        let words = ["disk".to_owned(), "full".to_owned()];
        let source = BodySource {
            words: &words,
            ..BodySource::default()
        };
        let body = read(source, &mut &b"unused"[..], true).ok();
        assert_eq!(body.as_deref(), Some("disk full"));
    }

    #[test]
    fn stdin_loses_one_trailing_newline_only() {
        assert_eq!(from_stdin(b"a\nb\n\n").ok().as_deref(), Some("a\nb\n"));
        assert_eq!(from_stdin(b"crlf\r\n").ok().as_deref(), Some("crlf"));
    }

    #[test]
    fn stdin_is_cleaned_the_way_a_terminal_shows_it() {
        let piped = b"\x1b[1;31merror\x1b[0m: build\r\n\x1b]0;make\x07\
            0%\r50%\r100% done\r\nnext\x1b(B line\x1b[2K\n";
        assert_eq!(
            from_stdin(piped).ok().as_deref(),
            Some("error: build\n100% done\nnext line")
        );
        assert_eq!(clean("a\x1b]2;title\x1b\\b\r"), "ab");
        assert_eq!(clean("keep\rthis\r\r"), "this");
    }

    #[test]
    fn keep_ansi_and_words_send_the_bytes_as_they_are() {
        let raw = "\u{1b}[31mred\u{1b}[0m\r\nbar 1\rbar 2";
        let source = BodySource {
            keep_ansi: true,
            ..BodySource::default()
        };
        let kept = read(source, &mut raw.as_bytes(), false).ok();
        assert_eq!(kept.as_deref(), Some(raw));
        let words = [raw.to_owned()];
        let source = BodySource {
            words: &words,
            ..BodySource::default()
        };
        assert_eq!(read(source, &mut &b""[..], true).ok().as_deref(), Some(raw));
    }

    #[test]
    fn a_dash_reads_stdin() {
        let words = ["-".to_owned()];
        let source = BodySource {
            words: &words,
            ..BodySource::default()
        };
        let body = read(source, &mut &b"piped"[..], false).ok();
        assert_eq!(body.as_deref(), Some("piped"));
    }

    #[test]
    fn invalid_utf8_is_replaced_not_fatal() {
        assert_eq!(
            from_stdin(b"ok \xff\xfe end").ok().as_deref(),
            Some("ok \u{fffd}\u{fffd} end")
        );
    }

    #[test]
    fn empty_or_blank_bodies_are_bad_input() {
        for input in [&b""[..], b"\n", b"  \t\n"] {
            assert_eq!(from_stdin(input).err().map(|e| e.exit().code()), Some(2));
        }
    }

    #[test]
    fn an_endless_stream_is_cut_off_with_bad_input() {
        let mut endless = std::io::repeat(b'x');
        let err = read(BodySource::default(), &mut endless, false).err();
        assert!(err.is_some_and(|e| e.exit().code() == 2 && e.to_string().contains("over 64 MiB")));
    }

    #[test]
    fn a_terminal_on_stdin_fails_at_once() {
        let err = read(BodySource::default(), &mut &b"never read"[..], true).err();
        assert_eq!(err.map(|e| e.exit().code()), Some(2));
    }

    #[test]
    fn an_unreadable_file_is_bad_input_naming_it() {
        let source = BodySource {
            file: Some(Path::new("/nonexistent/body.txt")),
            ..BodySource::default()
        };
        let err = read(source, &mut &b""[..], false)
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|m| m.contains("/nonexistent/body.txt")));
    }
}
