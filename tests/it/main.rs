//! The integration tests, one binary (one link instead of one per area): the real `sendmsg` binary run
//! against verifying mock upstreams on 127.0.0.1 (`common`), one module per area.

mod common;
#[path = "../invariants/mod.rs"]
mod invariants;

mod alertmanager;
mod architecture;
mod bark;
mod check;
mod cli;
mod conventions;
mod crash;
mod ding;
mod docs;
mod email;
mod feishu;
mod file_trust;
mod gewe;
mod hints;
mod history;
mod hostile;
mod import;
mod limits;
mod newcomer;
mod outbox;
mod pacing;
mod pools;
mod properties;
mod provenance;
mod pushplus;
mod redaction;
mod rich;
mod roots;
mod run;
mod send;
mod serve;
mod serve_ddns;
mod serverchan;
mod shared_state;
mod sms;
mod targets;
mod template;
mod trust;
mod webhook;
mod wecom;
mod wording;
