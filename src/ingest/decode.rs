//! Bytes to text: gzip, byte-order marks, UTF-8, and the Windows-1252 fallback that real
//! corpora need. A document is never dropped for its encoding.

use std::io::Read;

/// Undoes gzip compression when the bytes carry the gzip magic number.
pub fn gunzip_if_needed(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    gunzip_limited(bytes, u64::MAX - 1)
}

/// Like [`gunzip_if_needed`], but stops after `max_bytes + 1` decompressed bytes, so that a
/// gzip bomb costs no more memory than the limit; the caller sees the length and refuses.
pub fn gunzip_limited(bytes: Vec<u8>, max_bytes: u64) -> Result<Vec<u8>, String> {
    if bytes.len() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b {
        let capacity = (bytes.len() as u64 * 4).min(max_bytes + 1) as usize;
        let mut out = Vec::with_capacity(capacity);
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .take(max_bytes + 1)
            .read_to_end(&mut out)
            .map_err(|err| format!("corrupt gzip stream: {err}"))?;
        Ok(out)
    } else {
        Ok(bytes)
    }
}

/// Decodes text: a BOM wins, then UTF-8, then Windows-1252 (a superset of Latin-1 for
/// printable text), which never fails.
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            text.into_owned()
        }
    }
}

/// Decodes with a declared label (an HTML `charset`), falling back to detection when the
/// label is unknown or the declaration is visibly wrong: UTF-8 bytes under a legacy label,
/// bytes that are not UTF-8 under a UTF-8 label, or bytes the labelled encoding cannot
/// decode. A BOM always wins.
pub fn decode_with_label(bytes: &[u8], label: Option<&str>) -> String {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return decode_text(bytes);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        // Valid UTF-8 with non-ASCII bytes under a legacy label was almost always saved as
        // UTF-8 later; trusting the label would produce mojibake.
        return text.to_owned();
    }
    let declared = label.and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()));
    if let Some(encoding) = declared.filter(|e| *e != encoding_rs::UTF_8) {
        let (text, _, had_errors) = encoding.decode(bytes);
        if !had_errors {
            return text.into_owned();
        }
    }
    detect_and_decode(bytes)
}

/// Decodes bytes that are not UTF-8 with the encoding chardetng guesses from them (for a
/// page of Latin text that is Windows-1252; Cyrillic, Greek, CJK and others are told apart).
pub fn detect_and_decode(bytes: &[u8]) -> String {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// True when the bytes look like a binary file rather than text.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_windows_1252() {
        let bytes = b"\x93Peace\x94 caf\xe9";
        assert_eq!(decode_text(bytes), "\u{201c}Peace\u{201d} caf\u{e9}");
    }

    #[test]
    fn honours_bom_and_utf8() {
        assert_eq!(decode_text("\u{feff}h\u{e9}".as_bytes()), "h\u{e9}");
        assert_eq!(decode_text("h\u{e9}".as_bytes()), "h\u{e9}");
    }

    #[test]
    fn declared_label_is_used_unless_wrong() {
        let check = |bytes: &[u8], label: Option<&str>, expected: &str| {
            assert_eq!(decode_with_label(bytes, label), expected, "{label:?}");
        };
        // The label is right.
        check(b"caf\xe9", Some("windows-1252"), "caf\u{e9}");
        check(b"\xcf\xf0\xe8\xe2\xe5\xf2", Some("windows-1251"), "Привет");
        // Declared Latin-1, but the bytes are UTF-8.
        check("caf\u{e9}".as_bytes(), Some("iso-8859-1"), "caf\u{e9}");
        // Declared UTF-8 (or nothing), but the bytes are Windows-1252 or Windows-1251.
        check(
            b"\x93Caf\xe9\x94 cr\xe8me",
            Some("utf-8"),
            "\u{201c}Caf\u{e9}\u{201d} cr\u{e8}me",
        );
        let cyrillic = "Правительство заявило о переговорах в столице";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(cyrillic);
        check(&cp1251, Some("utf-8"), cyrillic);
        check(&cp1251, None, cyrillic);
        // A label the bytes cannot be in: Shift_JIS declared, Windows-1251 bytes.
        check(&cp1251, Some("shift_jis"), cyrillic);
    }

    #[test]
    fn gzip_round_trip() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"hello").unwrap();
        let gz = enc.finish().unwrap();
        assert_eq!(gunzip_if_needed(gz).unwrap(), b"hello");
        assert!(gunzip_if_needed(vec![0x1f, 0x8b, 1, 2]).is_err());
    }
}
