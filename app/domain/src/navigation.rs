//! Where a person is sent next. A `next` path travels through the sign-in flow in the URL, so
//! anything but a plain path on Hive itself is an open redirect waiting to happen.

/// The longest `next` path honoured; a longer one goes to the home page.
pub const MAX_NEXT_CHARS: usize = 512;

/// `next` if it is a path on this site, otherwise `None` (and the caller goes home).
///
/// Refused: anything not starting with exactly one `/` (`//host` and `/\host` are other sites to
/// a browser), any backslash, any control character or whitespace (browsers drop tabs and line
/// breaks, turning `/\t/host` into `//host`), and the sign-in routes themselves.
pub fn safe_next(next: &str) -> Option<&str> {
    let bytes = next.as_bytes();
    let plain_path = bytes.first() == Some(&b'/')
        && !matches!(bytes.get(1), Some(b'/') | Some(b'\\'))
        && !next.contains('\\')
        && !next.chars().any(|c| c.is_control() || c.is_whitespace())
        && next.chars().count() <= MAX_NEXT_CHARS;
    let into_sign_in = next == "/auth" || next.starts_with("/auth/") || next.starts_with("/auth?");
    (plain_path && !into_sign_in).then_some(next)
}

/// Percent-encodes a value for a URL query string (RFC 3986 unreserved characters kept).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_on_this_site_are_kept() {
        assert_eq!(safe_next("/"), Some("/"));
        assert_eq!(safe_next("/my/goals"), Some("/my/goals"));
        assert_eq!(safe_next("/team?page=2#x"), Some("/team?page=2#x"));
        assert_eq!(
            safe_next("/my/%2F%2Fevil.example"),
            Some("/my/%2F%2Fevil.example")
        );
    }

    #[test]
    fn other_sites_are_refused_however_written() {
        for attempt in [
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "http:evil.example",
            "javascript:alert(1)",
            "evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/%09/evil.example\\",
            "",
        ] {
            assert_eq!(safe_next(attempt), None, "{attempt:?} was accepted");
        }
    }

    #[test]
    fn sign_in_routes_are_not_a_destination() {
        assert_eq!(safe_next("/auth/login"), None);
        assert_eq!(safe_next("/auth/callback?code=x"), None);
        assert_eq!(safe_next("/authors"), Some("/authors"));
    }

    #[test]
    fn very_long_paths_go_home() {
        assert!(safe_next(&format!("/{}", "a".repeat(MAX_NEXT_CHARS - 1))).is_some());
        assert!(safe_next(&format!("/{}", "a".repeat(MAX_NEXT_CHARS))).is_none());
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode_query_value("/my/goals"), "%2Fmy%2Fgoals");
        assert_eq!(encode_query_value("a b&c=é"), "a%20b%26c%3D%C3%A9");
    }

    #[test]
    fn the_sign_in_route_itself_and_its_queries_are_not_a_destination() {
        // Rule: `/auth`, `/auth/…` and `/auth?…` are refused; a path merely starting with the
        // letters is not.
        assert_eq!(safe_next("/auth"), None);
        assert_eq!(safe_next("/auth?next=/my"), None);
        assert_eq!(safe_next("/auth/"), None);
        assert_eq!(safe_next("/authority?x=1"), Some("/authority?x=1"));
    }

    #[test]
    fn unreserved_characters_are_kept_as_they_are() {
        // Rule: letters, digits, `-`, `_`, `.` and `~` are not encoded; anything else is.
        assert_eq!(encode_query_value("a-Z_0.9~"), "a-Z_0.9~");
        assert_eq!(encode_query_value("?#+"), "%3F%23%2B");
    }
}
