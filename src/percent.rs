//! Percent-encoding as the signing schemes and query strings want it (the `percent-encoding` crate with
//! RFC 3986's unreserved set).

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// RFC 3986 percent-encoding: everything but the unreserved characters `A-Z a-z 0-9 - . _ ~`.
pub fn percent_encode(value: &str) -> String {
    /// Everything but RFC 3986's unreserved characters.
    const RESERVED: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    utf8_percent_encode(value, RESERVED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_escapes_base64_punctuation() {
        assert_eq!(percent_encode("a+b/c="), "a%2Bb%2Fc%3D");
        assert_eq!(percent_encode("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(percent_encode("中 "), "%E4%B8%AD%20");
    }
}
