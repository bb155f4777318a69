//! Prints what the HTML reader makes of one page: its metadata, then each block as
//! `kind<TAB>text`. Usage: `cargo run --example html_blocks -- PAGE.html[.gz] [URL]`.

use polidex::ingest::html::{read_html_bytes, HtmlOptions};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: html_blocks PAGE.html[.gz] [URL]");
        std::process::exit(2);
    };
    let bytes = match polidex::ingest::read_bytes(std::path::Path::new(&path)) {
        Ok(bytes) => bytes,
        Err(reason) => {
            eprintln!("{path}: {reason}");
            std::process::exit(1);
        }
    };
    let options = HtmlOptions { url: args.next() };
    match read_html_bytes(&bytes, &options) {
        Ok(page) => {
            println!("{:?}", page.meta);
            for block in page.blocks {
                println!("{:?}\t{}", block.kind, block.text);
            }
        }
        Err(reason) => {
            eprintln!("{path}: {reason}");
            std::process::exit(1);
        }
    }
}
