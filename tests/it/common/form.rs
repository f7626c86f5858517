//! Reading a `multipart/form-data` upload as a service does, with mail-parser (a MIME parser): each
//! part's field name, file name, content type and bytes.

use super::mock::Recorded;
use mail_parser::MimeHeaders;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormPart {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// The form's parts, or `None` when the request is not a well-formed `multipart/form-data`.
pub(crate) fn parts(req: &Recorded) -> Option<Vec<FormPart>> {
    let content_type = req.header("content-type")?;
    if !content_type.starts_with("multipart/form-data;") {
        return None;
    }
    let mut raw = format!("Content-Type: {content_type}\r\n\r\n").into_bytes();
    raw.extend_from_slice(&req.body);
    let message = mail_parser::MessageParser::default().parse(&raw)?;
    let ids = message.part(0)?.sub_parts()?;
    ids.iter()
        .map(|id| {
            let part = message.part(*id)?;
            let disposition = part.content_disposition()?;
            if disposition.ctype() != "form-data" {
                return None;
            }
            Some(FormPart {
                name: disposition.attribute("name")?.to_owned(),
                filename: disposition.attribute("filename").map(str::to_owned),
                content_type: part.content_type().map(|t| match t.subtype() {
                    Some(sub) => format!("{}/{sub}", t.ctype()),
                    None => t.ctype().to_owned(),
                }),
                bytes: part.contents().to_vec(),
            })
        })
        .collect()
}
