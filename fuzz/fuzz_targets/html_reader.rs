//! Fuzzes the HTML reader through the entry point `polidex ingest` uses: any bytes must
//! give a page or an error, never a panic, a hang or a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polidex::ingest::html::{read_html_bytes, HtmlOptions};

fuzz_target!(|data: &[u8]| {
    // An odd first byte makes the first line the page URL, so the URL date and host
    // parsers are fuzzed too.
    let url = match data.first() {
        Some(byte) if byte % 2 == 1 => {
            let line = data.split(|&b| b == b'\n').next().unwrap_or_default();
            Some(String::from_utf8_lossy(line).into_owned())
        }
        _ => None,
    };
    let _ = read_html_bytes(data, &HtmlOptions { url });
});
