//! What the property tests (`tests/invariants`) and the fuzz targets (`fuzz/`) call: the pure parsers and
//! builders, re-exported. Not an API: it may change with any release.

pub use crate::channels::deliver::snippet;
pub use crate::channels::email::wire::{parse_mailbox, parse_mailboxes};
pub use crate::channels::gewe::wire::valid_wxid;
pub use crate::channels::sms::settings::params as sms_params;
pub use crate::channels::sms::wire::Mobile;
pub use crate::channels::template::settings::valid_openid;
pub use crate::channels::template::wire::Field;
pub use crate::env_file::{EnvFile, locate, parse_text};
pub use crate::error::Error;
pub use crate::origin::EnvFileKind;
pub use crate::percent::percent_encode;
pub use crate::period::{MAX_COUNT, MAX_PERIOD, parse_duration, parse_limit};
pub use crate::request::HttpRequest;
pub use crate::secret::{MIN_SCRUB_LEN, Secret, excerpt, redact};
pub use crate::serve::routes::{Incoming, Intent, route};
pub use crate::split::{Budget, Cost, Overflow, OverflowPolicy, fit};
