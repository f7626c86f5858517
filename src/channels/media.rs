//! Images and files sent with a message: the options every text channel shares (`--image`, `--image-url`,
//! `--attach`, `--attach-url`), each file read and checked against the channel's rule before anything is
//! sent (size, and an image's type by its bytes), and what goes out after the text ([`Extra`]).

use super::Channel;
use crate::error::Error;
use crate::request::Media;
use crate::split::{Budget, Cost};
use clap::Args;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Images and files with the message.
#[derive(Debug, Args, Default, Clone)]
pub(crate) struct MediaArgs {
    /// An image to send after the message: wecom (group robot; JPG or PNG, at most 2 MB), feishu (through
    /// the app: FEISHU_APP_ID and FEISHU_APP_SECRET; at most 10 MB), email (shown inline)
    #[arg(long, value_name = "PATH")]
    pub(crate) image: Option<PathBuf>,

    /// A public image shown in the message: ding (markdown), gewe (GEWE_API=v2)
    #[arg(long, value_name = "URL")]
    pub(crate) image_url: Option<String>,

    /// A file to send: wecom (group robot, after the message; at most 20 MB), email (an attachment;
    /// repeatable)
    #[arg(long, value_name = "PATH")]
    pub(crate) attach: Vec<PathBuf>,

    /// A public file to send: gewe (GEWE_API=v2)
    #[arg(long, value_name = "URL")]
    pub(crate) attach_url: Option<String>,
}

/// One of the media options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MediaOption {
    Image,
    ImageUrl,
    Attach,
    AttachUrl,
}

impl MediaOption {
    fn flag(self) -> &'static str {
        match self {
            MediaOption::Image => "--image",
            MediaOption::ImageUrl => "--image-url",
            MediaOption::Attach => "--attach",
            MediaOption::AttachUrl => "--attach-url",
        }
    }

    /// The channels that take it.
    fn takers(self) -> &'static str {
        match self {
            MediaOption::Image => {
                "wecom (group robot), feishu (with FEISHU_APP_ID and FEISHU_APP_SECRET) and email (inline)"
            }
            MediaOption::ImageUrl => "ding (markdown) and gewe (GEWE_API=v2)",
            MediaOption::Attach => "wecom (group robot) and email",
            MediaOption::AttachUrl => "gewe (GEWE_API=v2)",
        }
    }
}

impl MediaArgs {
    /// The options given.
    fn given(&self) -> Vec<MediaOption> {
        [
            (self.image.is_some(), MediaOption::Image),
            (self.image_url.is_some(), MediaOption::ImageUrl),
            (!self.attach.is_empty(), MediaOption::Attach),
            (self.attach_url.is_some(), MediaOption::AttachUrl),
        ]
        .into_iter()
        .filter_map(|(given, option)| given.then_some(option))
        .collect()
    }

    /// Refuses, before anything is read or sent, an option that `channel` cannot send (it takes `takes`),
    /// naming the channels that can.
    pub(crate) fn refuse_others(&self, channel: &str, takes: &[MediaOption]) -> Result<(), Error> {
        let Some(option) = self.given().into_iter().find(|o| !takes.contains(o)) else {
            return Ok(());
        };
        if channel == "ding" && option == MediaOption::Image {
            return Err(Error::bad_input(
                "ding",
                "a DingTalk robot cannot take an uploaded image; show a public image in a markdown \
                 message with --image-url URL",
            ));
        }
        Err(Error::bad_input(
            channel,
            format!(
                "{} is not something {channel} can send; {} is for {}",
                option.flag(),
                option.flag(),
                option.takers()
            ),
        ))
    }
}

/// A public URL for `--image-url`/`--attach-url`: http(s), and nothing that would end a markdown link.
pub(crate) fn public_url<'a>(channel: &str, flag: &str, url: &'a str) -> Result<&'a str, Error> {
    let url = url.trim();
    let scheme = url.starts_with("https://") || url.starts_with("http://");
    if !scheme || url.contains(|c: char| c.is_whitespace() || c == ')' || c == '(') {
        return Err(Error::bad_input(
            channel,
            format!("{flag} `{url}` is not a public http(s) URL (no spaces or parentheses)"),
        ));
    }
    Ok(url)
}

/// What a channel takes of a file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub flag: &'static str,
    /// "a WeCom robot image", for the messages.
    pub what: &'static str,
    pub min_bytes: u64,
    pub max_bytes: u64,
    /// The image types taken, detected by their bytes; empty for any file.
    pub types: &'static [ImageType],
}

/// Image types, as their first bytes tell them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImageType {
    Jpeg,
    Png,
    Gif,
    Webp,
    Bmp,
    Tiff,
}

impl ImageType {
    const ALL: [ImageType; 6] = [
        ImageType::Jpeg,
        ImageType::Png,
        ImageType::Gif,
        ImageType::Webp,
        ImageType::Bmp,
        ImageType::Tiff,
    ];

    fn name(self) -> &'static str {
        match self {
            ImageType::Jpeg => "JPG",
            ImageType::Png => "PNG",
            ImageType::Gif => "GIF",
            ImageType::Webp => "WebP",
            ImageType::Bmp => "BMP",
            ImageType::Tiff => "TIFF",
        }
    }

    /// Its MIME type.
    pub(crate) fn mime(self) -> &'static str {
        match self {
            ImageType::Jpeg => "image/jpeg",
            ImageType::Png => "image/png",
            ImageType::Gif => "image/gif",
            ImageType::Webp => "image/webp",
            ImageType::Bmp => "image/bmp",
            ImageType::Tiff => "image/tiff",
        }
    }

    fn matches(self, bytes: &[u8]) -> bool {
        match self {
            ImageType::Jpeg => bytes.starts_with(&[0xff, 0xd8, 0xff]),
            ImageType::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            ImageType::Gif => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
            ImageType::Webp => bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"),
            ImageType::Bmp => bytes.starts_with(b"BM"),
            ImageType::Tiff => bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*"),
        }
    }

    /// The type `bytes` begin with, if any.
    pub(crate) fn of(bytes: &[u8]) -> Option<ImageType> {
        ImageType::ALL.into_iter().find(|t| t.matches(bytes))
    }
}

/// The two decimal units users think in: `2 MB` for 2 × 1024 × 1024 bytes.
fn megabytes(bytes: u64) -> String {
    format!("{} MB ({bytes} bytes)", bytes >> 20)
}

/// Reads the file at `path` for `channel` and checks it against `rule`: a missing or unreadable file, a
/// size outside the rule, or an image of another type (by its bytes, whatever its name) is bad input.
pub(crate) fn load(channel: &str, path: &Path, rule: &Rule) -> Result<Arc<Media>, Error> {
    let shown = path.display();
    let bad = |why: String| Error::bad_input(channel, format!("{} {shown} {why}", rule.flag));
    let file = std::fs::File::open(path).map_err(|e| bad(format!("cannot be read: {e}")))?;
    let meta = file
        .metadata()
        .map_err(|e| bad(format!("cannot be read: {e}")))?;
    if !meta.is_file() {
        return Err(bad("is not a file".into()));
    }
    let size = meta.len();
    if size > rule.max_bytes {
        return Err(bad(format!(
            "is {size} bytes; {} is at most {}",
            rule.what,
            megabytes(rule.max_bytes)
        )));
    }
    if size < rule.min_bytes {
        return Err(bad(format!(
            "is {size} bytes; {} is at least {} bytes",
            rule.what, rule.min_bytes
        )));
    }
    let mut bytes = Vec::new();
    file.take(rule.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| bad(format!("cannot be read: {e}")))?;
    if bytes.len() as u64 > rule.max_bytes {
        return Err(bad(format!(
            "grew past {} while it was read",
            megabytes(rule.max_bytes)
        )));
    }
    if !rule.types.is_empty() {
        let taken: Vec<&str> = rule.types.iter().map(|t| t.name()).collect();
        let found = ImageType::of(&bytes);
        if !found.is_some_and(|t| rule.types.contains(&t)) {
            let detected = found.map_or_else(
                || {
                    "not an image its bytes show (none of JPG, PNG, GIF, WebP, BMP, TIFF)"
                        .to_owned()
                },
                |t| format!("a {} image by its bytes", t.name()),
            );
            return Err(bad(format!(
                "is {detected}; {} is {}",
                rule.what,
                taken.join(" or ")
            )));
        }
    }
    let name = path
        .file_name()
        .map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned());
    Ok(Arc::new(Media::new(name, bytes)))
}

/// Something sent after the text.
pub(crate) enum Extra {
    /// A message of its own (a WeCom robot image).
    Message(Box<dyn Channel>),
    /// An upload whose key the message then carries (a WeCom robot file's media_id, Feishu's image_key).
    Upload(Box<dyn Upload>),
}

/// An upload request (its [`Channel::build`] ignores the text), and the message that carries its key.
pub(crate) trait Upload: Channel {
    /// The key in the accepted upload's reply.
    fn key(&self, reply: &str) -> Option<String>;
    /// The message carrying `key`.
    fn message(&self, key: String) -> Box<dyn Channel>;
}

/// The budget of a request that carries a file or a key, not the text: nothing in it is split.
pub(crate) const WHOLE: Budget = Budget {
    max: usize::MAX,
    cost: Cost::Utf8,
};

/// What a dry-run's message shows where the upload's key would be.
pub(crate) const KEY_ON_DRY_RUN: &str = "(from the upload)";

#[cfg(test)]
mod tests {
    use super::*;

    const IMAGE: Rule = Rule {
        flag: "--image",
        what: "a WeCom robot image",
        min_bytes: 0,
        max_bytes: 16,
        types: &[ImageType::Jpeg, ImageType::Png],
    };

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
        path
    }

    fn error(result: Result<Arc<Media>, Error>) -> String {
        match result {
            Ok(media) => panic!("accepted {}", media.name),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn an_image_is_checked_by_its_bytes_and_size() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let png = write(&dir, "shot.jpg", b"\x89PNG\r\n\x1a\nabc");
        let media = load("wecom", &png, &IMAGE).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(media.name, "shot.jpg");
        assert_eq!(media.md5, crate::digest::md5_hex(b"\x89PNG\r\n\x1a\nabc"));
        let gif = write(&dir, "a.png", b"GIF89a......");
        let shown = gif.display();
        assert_eq!(
            error(load("wecom", &gif, &IMAGE)),
            format!(
                "wecom: --image {shown} is a GIF image by its bytes; a WeCom robot image is JPG or PNG"
            )
        );
        let text = write(&dir, "b.png", b"hello");
        assert!(error(load("wecom", &text, &IMAGE)).contains("is not an image its bytes show"));
        let big = write(&dir, "c.png", &[0u8; 17]);
        assert!(
            error(load("wecom", &big, &IMAGE))
                .contains("is 17 bytes; a WeCom robot image is at most 0 MB (16 bytes)")
        );
        assert!(
            error(load("wecom", &dir.path().join("none.png"), &IMAGE))
                .contains("cannot be read: No such file")
        );
        assert!(error(load("wecom", dir.path(), &IMAGE)).contains("is not a file"));
    }

    #[test]
    fn options_a_channel_cannot_send_name_the_channels_that_can() {
        let args = MediaArgs {
            image_url: Some("https://example.com/a.png".into()),
            ..MediaArgs::default()
        };
        assert_eq!(
            args.refuse_others("bark", &[]).map_err(|e| e.to_string()),
            Err(
                "bark: --image-url is not something bark can send; --image-url is for ding (markdown) and gewe (GEWE_API=v2)"
                    .into()
            )
        );
        assert!(args.refuse_others("ding", &[MediaOption::ImageUrl]).is_ok());
        let image = MediaArgs {
            image: Some("a.png".into()),
            ..MediaArgs::default()
        };
        assert!(
            image
                .refuse_others("ding", &[MediaOption::ImageUrl])
                .map_err(|e| e.to_string())
                .is_err_and(|e| e.contains("--image-url URL"))
        );
    }
}
