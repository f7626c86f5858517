//! `feishu --image`: a custom bot cannot upload, so the image goes through the app (FEISHU_APP_ID and
//! FEISHU_APP_SECRET): a tenant_access_token (cached on disk like WeCom's token, fetched again once when
//! the service says it is invalid or expired), the image uploaded for an `image_key`, then the bot's
//! `msg_type` `image` message carrying it.

use super::wire::{Feishu, verdict};
use crate::channels::media::{ImageType, Rule, Upload, WHOLE};
use crate::channels::token::TokenSpec;
use crate::channels::{BuildContext, Channel, Outcome, unreadable};
use crate::pacing::Destination;
use crate::request::{HttpRequest, Media};
use crate::secret::Secret;
use crate::split::Budget;
use crate::token_cache::CacheKey;
use crate::transport::Reply;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The image upload takes at most 10 MB of these types (upstream-apis.md §8e).
pub(crate) const IMAGE: Rule = Rule {
    flag: "--image",
    what: "a Feishu image",
    min_bytes: 1,
    max_bytes: 10 * 1024 * 1024,
    types: &[
        ImageType::Jpeg,
        ImageType::Png,
        ImageType::Webp,
        ImageType::Gif,
        ImageType::Tiff,
        ImageType::Bmp,
    ],
};

/// 99991663 the tenant token is invalid or expired, 99991661 none was given.
pub(crate) const TOKEN_INVALID_CODES: &[i64] = &[99991663, 99991661];
/// 99991400: the app's request rate is over its limit.
const BUSY_CODES: &[i64] = &[99991400];

/// The app the image is uploaded through.
#[derive(Debug, Clone)]
pub(crate) struct App {
    pub app_id: String,
    pub app_secret: Secret,
    pub base_url: String,
}

impl App {
    /// The tenant_access_token request and its cache key.
    pub(crate) fn token(&self) -> TokenSpec {
        #[derive(Serialize)]
        struct Credentials<'a> {
            app_id: &'a str,
            app_secret: &'a str,
        }
        let url = format!(
            "{}/open-apis/auth/v3/tenant_access_token/internal",
            self.base_url
        );
        let credentials = Credentials {
            app_id: &self.app_id,
            app_secret: self.app_secret.expose(),
        };
        TokenSpec {
            cache_key: CacheKey::new("feishu", &self.base_url, &self.app_id, &self.app_secret),
            request: HttpRequest::post_json("feishu", url, &credentials),
            busy_codes: BUSY_CODES,
            invalid_codes: TOKEN_INVALID_CODES,
        }
    }
}

/// The app's replies: Feishu's `{"code","msg"}` envelope.
fn read(reply: &Reply) -> Outcome {
    verdict(&reply.body).unwrap_or_else(|| unreadable(&reply.body))
}

/// The app alone, for `sendmsg check feishu`: all it has to show is that it gets a tenant token.
impl Channel for App {
    fn name(&self) -> &'static str {
        "feishu"
    }

    fn budget(&self, _max_bytes: Option<usize>) -> Budget {
        WHOLE
    }

    /// The app sends nothing of its own: its one request is the token's.
    fn build(&self, _text: &str, _ctx: &BuildContext) -> HttpRequest {
        App::token(self).request
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        read(reply)
    }

    fn token(&self) -> Option<TokenSpec> {
        Some(App::token(self))
    }
}

/// The upload: `im/v1/images`, multipart (`image_type=message`, the file in `image`), the tenant token as
/// a bearer token.
pub(crate) struct ImageUpload {
    pub app: App,
    pub bot: Feishu,
    pub media: Arc<Media>,
}

impl Channel for ImageUpload {
    fn name(&self) -> &'static str {
        "feishu"
    }

    fn budget(&self, _max_bytes: Option<usize>) -> Budget {
        WHOLE
    }

    fn build(&self, _text: &str, ctx: &BuildContext) -> HttpRequest {
        let url = format!("{}/open-apis/im/v1/images", self.app.base_url);
        let token = ctx
            .access_token
            .as_ref()
            .map_or_else(String::new, |t| t.expose().to_owned());
        HttpRequest::post_multipart(
            "feishu",
            url,
            vec![("image_type", "message".to_owned())],
            "image",
            Arc::clone(&self.media),
        )
        .with_header("authorization", Secret::new(format!("Bearer {token}")))
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        read(reply)
    }

    /// Feishu answers a bad token or a missing permission with HTTP 400 and its envelope.
    fn interpret_client_error(&self, reply: &Reply) -> Option<Outcome> {
        verdict(&reply.body)
    }

    fn token(&self) -> Option<TokenSpec> {
        Some(self.app.token())
    }
}

impl Upload for ImageUpload {
    fn key(&self, reply: &str) -> Option<String> {
        #[derive(Deserialize)]
        struct Uploaded {
            data: Data,
        }
        #[derive(Deserialize)]
        struct Data {
            image_key: String,
        }
        serde_json::from_str::<Uploaded>(reply)
            .ok()
            .map(|u| u.data.image_key)
            .filter(|key| !key.is_empty())
    }

    fn message(&self, image_key: String) -> Box<dyn Channel> {
        Box::new(ImageMessage {
            bot: self.bot.clone(),
            image_key,
        })
    }
}

/// The bot's image message.
pub(crate) struct ImageMessage {
    bot: Feishu,
    image_key: String,
}

impl Channel for ImageMessage {
    fn name(&self) -> &'static str {
        "feishu"
    }

    fn budget(&self, _max_bytes: Option<usize>) -> Budget {
        WHOLE
    }

    fn build(&self, _text: &str, ctx: &BuildContext) -> HttpRequest {
        self.bot.post(ctx, |signature| {
            Feishu::image_body(&self.image_key, signature)
        })
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        self.bot.interpret(reply)
    }

    fn interpret_client_error(&self, reply: &Reply) -> Option<Outcome> {
        self.bot.interpret_client_error(reply)
    }

    fn destination(&self) -> Option<Destination> {
        self.bot.destination()
    }
}
