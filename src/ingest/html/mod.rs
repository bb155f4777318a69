//! HTML reader: the article a reader would see, not the page's menus, with the page's
//! title, authors, outlet and publication date.
//!
//! `read_html_bytes` is the one entry point `polidex ingest` and the evaluation harness
//! (`examples/eval_html.rs`) use: it decodes the bytes (declared charset through
//! encoding_rs, checked against the bytes, else detected), drops container tags nested
//! deeper than `MAX_NESTING`, parses with html5ever (via scraper), picks the main content
//! (`content`), reads the metadata (`meta`, with dates from `date`), drops a leading heading
//! that repeats the title and finds each block's source line. Every walk over the tree is
//! iterative, so deeply nested markup cannot overflow the stack. This module does not split
//! blocks into passages or tag them.

mod content;
mod date;
mod meta;

use crate::model::{Block, BlockKind, Metadata};
use scraper::{ElementRef, Html};

/// Finds the charset a page declares in its first bytes (`<meta charset>` or
/// `http-equiv` content type).
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let rest = &head[at + "charset=".len()..];
    let rest = rest.trim_start_matches(['"', '\'', ' ']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    Some(rest[..end].to_owned()).filter(|s| !s.is_empty())
}

/// What the reader knows about a page besides its bytes.
#[derive(Debug, Clone, Default)]
pub struct HtmlOptions {
    /// The address the page was fetched from, when known; its date path and host count as
    /// metadata (a canonical link in the page is used otherwise).
    pub url: Option<String>,
}

/// A page read: its metadata and the article's blocks in document order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlPage {
    pub meta: Metadata,
    pub blocks: Vec<Block>,
}

/// Decodes and reads an HTML page: the path `polidex ingest` takes. A page with neither
/// article text nor a title is an error.
pub fn read_html_bytes(bytes: &[u8], options: &HtmlOptions) -> Result<HtmlPage, String> {
    let charset = declared_charset(bytes);
    let text = super::decode::decode_with_label(bytes, charset.as_deref());
    let page = read_html(&text, options);
    if page.blocks.is_empty() && page.meta.title.is_none() {
        return Err("not valid HTML or text: no text found".to_owned());
    }
    Ok(page)
}

/// Reads an HTML page, already decoded, into metadata and blocks.
pub fn read_html(html: &str, options: &HtmlOptions) -> HtmlPage {
    let page = Html::parse_document(&limit_nesting(html));
    let body = page
        .root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|el| el.value().name() == "body")
        .unwrap_or_else(|| page.root_element());
    let mut blocks = content::article_blocks(body);
    let body_text: String = blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let meta = meta::page_metadata(&page, options.url.as_deref(), &body_text);
    drop_title_heading(&mut blocks, meta.title.as_deref());
    locate_lines(html, &mut blocks);
    HtmlPage { meta, blocks }
}

/// How far past the previous block a block's opening words are looked for.
const LINE_SEARCH_WINDOW: usize = 32 * 1024;

/// Gives each block the 1-based source line where its opening words are written, found
/// in document order from `<body>` on; a block whose words are not written plainly there
/// (entities, tags between them) keeps no line. The search reads at most a few times the
/// page, however many blocks are missed.
fn locate_lines(html: &str, blocks: &mut [Block]) {
    let mut budget = 4 * html.len() + LINE_SEARCH_WINDOW;
    let mut cursor = html
        .find("<body")
        .or_else(|| html.find("<BODY"))
        .unwrap_or(0);
    let mut line = 1 + html[..cursor].matches('\n').count();
    let mut counted_to = cursor;
    for block in blocks.iter_mut() {
        let probe: String = block
            .text
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        if probe.len() < 4 || probe.contains(['&', '<']) {
            continue;
        }
        let mut window_end = (cursor + LINE_SEARCH_WINDOW).min(html.len());
        while !html.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let found = html[cursor..window_end].find(&probe);
        let scanned = found.map_or(window_end - cursor, |offset| offset + probe.len());
        budget = budget.saturating_sub(scanned);
        if budget == 0 {
            break;
        }
        let Some(offset) = found else {
            continue;
        };
        let at = cursor + offset;
        line += html[counted_to..at].matches('\n').count();
        counted_to = at;
        cursor = at;
        block.line = Some(line);
    }
}

/// How deep container elements may nest before their tags are dropped (their text is
/// kept). Real pages stay far below; html5ever's tree builder scans the stack of open
/// elements for many tags, so unbounded depth would make parsing quadratic.
const MAX_NESTING: usize = 500;

/// Elements that real pages close explicitly and that pathological pages nest.
const NESTING_TAGS: &[&str] = &[
    "div",
    "span",
    "section",
    "article",
    "main",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "font",
    "table",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "center",
    "small",
    "big",
    "u",
    "s",
    "sup",
    "sub",
    "aside",
    "header",
    "footer",
    "nav",
    "form",
    "label",
    "button",
    "figure",
    "q",
    "cite",
    "code",
    "abbr",
];

/// One tag found by [`scan_tags`]: its byte range, and whether it opens or closes one of
/// [`NESTING_TAGS`].
enum TagEvent {
    Open,
    Close,
}

/// Walks the tags of `html` roughly as a tokenizer would (comments and raw-text elements
/// skipped), calling `on_tag` with the range of each start or end tag of [`NESTING_TAGS`].
fn scan_tags(html: &str, mut on_tag: impl FnMut(std::ops::Range<usize>, TagEvent)) {
    let bytes = html.as_bytes();
    let mut at = 0;
    let mut next_gt: Option<usize> = None;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            at = html[start..]
                .find("-->")
                .map_or(bytes.len(), |end| start + end + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            at = start + 1;
            continue;
        }
        // The next `>` is remembered, so that many `<` without one stay linear.
        if next_gt.is_none_or(|gt| gt < start) {
            next_gt = html[start..].find('>').map(|gt| start + gt);
        }
        let Some(end) = next_gt.map(|gt| gt + 1) else {
            break;
        };
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        at = end;
        if !closing && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            at = find_end_tag(html, end, &name);
            continue;
        }
        if NESTING_TAGS.contains(&name.as_str()) && bytes[end - 2] != b'/' {
            on_tag(
                start..end,
                if closing {
                    TagEvent::Close
                } else {
                    TagEvent::Open
                },
            );
        }
    }
}

/// Where the end tag `</name` of a raw-text element starts, searching from `from`
/// (ASCII case-insensitive); the end of the text when there is none.
fn find_end_tag(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(offset) = html[at..].find("</") {
        let start = at + offset;
        let candidate = &bytes[start + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return start;
        }
        at = start + 2;
    }
    bytes.len()
}

/// The page with the tags of container elements nested deeper than [`MAX_NESTING`]
/// removed; the page itself when it nests less.
fn limit_nesting(html: &str) -> std::borrow::Cow<'_, str> {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    scan_tags(html, |_, event| match event {
        TagEvent::Open => {
            depth += 1;
            deepest = deepest.max(depth);
        }
        TagEvent::Close => depth = depth.saturating_sub(1),
    });
    if deepest <= MAX_NESTING {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut copied_to = 0;
    let (mut depth, mut dropped) = (0usize, 0usize);
    scan_tags(html, |range, event| {
        let drop = match event {
            TagEvent::Open if depth >= MAX_NESTING => {
                dropped += 1;
                true
            }
            TagEvent::Open => {
                depth += 1;
                false
            }
            TagEvent::Close if dropped > 0 => {
                dropped -= 1;
                true
            }
            TagEvent::Close => {
                depth = depth.saturating_sub(1);
                false
            }
        };
        if drop {
            out.push_str(&html[copied_to..range.start]);
            out.push(' ');
            copied_to = range.end;
        }
    });
    out.push_str(&html[copied_to..]);
    std::borrow::Cow::Owned(out)
}

/// Drops the article's leading heading when it repeats the title: the title travels with
/// every passage already.
fn drop_title_heading(blocks: &mut Vec<Block>, title: Option<&str>) {
    let Some(title) = title else { return };
    let key = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let title = key(title);
    if title.is_empty() {
        return;
    }
    let first_heading = blocks
        .iter()
        .take(5)
        .position(|b| b.kind == BlockKind::Heading);
    if let Some(at) = first_heading {
        let heading = key(&blocks[at].text);
        let before_prose = blocks[..at].iter().all(|b| b.text.len() < 200);
        if before_prose && heading.len() >= 8 && title.contains(&heading) {
            blocks.remove(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BlockKind::{BlockQuote, Caption, Heading, ListItem, Paragraph};

    /// Reads `html` and compares its blocks, as `(kind, text)`, with `expected`.
    fn check_blocks(html: &str, expected: &[(BlockKind, &str)]) {
        let page = read_html(html, &HtmlOptions::default());
        let got: Vec<(BlockKind, &str)> = page
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(got, expected, "{html}");
    }

    /// Reads `html` (from `url`) and compares title, date, authors and outlet.
    fn check_meta(html: &str, url: Option<&str>, expected: [Option<&str>; 4]) {
        let options = HtmlOptions {
            url: url.map(str::to_owned),
        };
        let meta = read_html(html, &options).meta;
        let authors = (!meta.authors.is_empty()).then(|| meta.authors.join("; "));
        let got = [
            meta.title.as_deref(),
            meta.date.as_deref(),
            authors.as_deref(),
            meta.outlet.as_deref(),
        ];
        assert_eq!(got, expected, "{html}");
    }

    const PROSE: &str = "Negotiators met on Tuesday in Velmora, the first round since the spring, and both sides described the mood as constructive, businesslike and calm.";
    const PROSE2: &str = "The talks will continue next month in Grauwick, officials said, with water sharing, tariffs and the ceasefire line on the agenda for both delegations.";

    /// A news page: navigation, a cookie banner, share tools, related links, comments and
    /// a footer around the article.
    fn news_page() -> String {
        format!(
            r##"<!doctype html><html><head><meta charset="utf-8">
<title>Talks resume | Meridian Herald</title>
<meta property="og:site_name" content="Meridian Herald">
<meta property="article:published_time" content="2023-06-01T10:00:00Z">
<meta name="author" content="Ana Ruiz">
</head><body>
<header class="site-header"><a href="/">Meridian Herald</a></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience.</div>
<div class="layout"><article><h1>Talks resume</h1><p class="byline">By Ana Ruiz</p>
<div class="share-tools"><a href="#">Share on X</a></div>
<p>{PROSE}</p>
<figure><img src="x.jpg"><figcaption>Delegates arrive in Velmora.</figcaption></figure>
<p>{PROSE2}</p>
<ul><li>First point of the agenda</li><li>Second <b>point</b></li></ul>
<blockquote><p>We are ready, a minister said.</p></blockquote>
<table><tr><th>Round</th><th>City</th></tr><tr><td>1</td><td>Velmora</td></tr></table>
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/a">Dam opens early this year</a></li><li><a href="/b">Tariff war ends</a></li></ul></aside>
<section id="comments"><h3>12 comments</h3><p>Great article, thanks, so true, agree.</p></section>
</div>
<footer>Copyright 2023 Meridian Herald. All rights reserved.</footer></body></html>"##
        )
    }

    #[test]
    fn the_article_not_the_menus() {
        check_blocks(
            &news_page(),
            &[
                (Paragraph, "By Ana Ruiz"),
                (Paragraph, PROSE),
                (Caption, "Delegates arrive in Velmora."),
                (Paragraph, PROSE2),
                (ListItem, "First point of the agenda"),
                (ListItem, "Second point"),
                (BlockQuote, "We are ready, a minister said."),
                (Paragraph, "Round | City"),
                (Paragraph, "1 | Velmora"),
            ],
        );
    }

    #[test]
    fn link_lists_and_read_more_inside_the_article_are_dropped() {
        let page = format!(
            r#"<html><body><div class="post-content"><p>{PROSE}</p>
<div class="more"><a href="/1">Dam opens</a> <a href="/2">Tariffs end</a> <a href="/3">Vote set</a></div>
<p>{PROSE2}</p><p><a href="/more">Read more</a></p><p>Advertisement</p></div>
<div class="sidebar"><p>{PROSE}</p></div></body></html>"#
        );
        check_blocks(&page, &[(Paragraph, PROSE), (Paragraph, PROSE2)]);
    }

    /// A gallery of long captions set into the marked article body
    /// (`itemprop="articleBody"`, whose id happens to hold "share") outscores the body's own
    /// paragraphs: the marked body is the article, and the gallery and a video player's
    /// controls inside it are left out.
    #[test]
    fn the_marked_article_body_not_a_gallery_inside_it() {
        let caption =
            "Revenues at the harbour fell by a tenth, the port authority said, as ships, \
                       barges, ferries and tugs stayed away, and the fishing fleet, the yards and \
                       the warehouses all reported losses, losses, losses for the quarter.";
        let items: String = (1..=12)
            .map(|i| format!("<li><h2>{i}/12 Item</h2><p>{caption}</p></li>"))
            .collect();
        let page = format!(
            r#"<html><body><article><div class="text-wrapper" itemprop="articleBody" id="share-btns-container">
<p>{PROSE}</p>
<div class="video-js" role="region" aria-label="Video Player"><div role="button"><span>Play Video</span></div>
<div class="vjs-control-bar" role="group"><div role="button">Mute</div><div role="menu"><div role="menuitemcheckbox">captions off, selected</div></div></div></div>
<p>{PROSE2}</p>
<div class="widget-wrapper type-gallery"><div class="full-gallery"><ul class="legends">{items}</ul></div></div>
</div></article></body></html>"#
        );
        check_blocks(&page, &[(Paragraph, PROSE), (Paragraph, PROSE2)]);
    }

    /// A stray closing tag ends the marked body early, so that the article's second half
    /// sits straight in `<body>`; the first half is inside a layout column whose class
    /// names its sidebar ("with-sidebar-right"). The column holds the marked body: it is
    /// no sidebar, and both halves are the article.
    #[test]
    fn a_layout_column_holding_the_marked_body_is_not_furniture() {
        let page = format!(
            r#"<html><body><div class="container with-sidebar-right"><main class="content">
<div class="article body" itemprop="articleBody"><p>{PROSE}</p><p>{PROSE2}</p></div>
<div class="ad"></div></div></div></main></div>
<p>{PROSE2} {PROSE}</p><p>{PROSE} {PROSE2}</p><p>{PROSE2}</p>
<div class="sidebar"><a href="/1">Dam opens</a></div></body></html>"#
        );
        let both = format!("{PROSE2} {PROSE}");
        let both2 = format!("{PROSE} {PROSE2}");
        check_blocks(
            &page,
            &[
                (Paragraph, PROSE),
                (Paragraph, PROSE2),
                (Paragraph, &both),
                (Paragraph, &both2),
                (Paragraph, PROSE2),
            ],
        );
    }

    #[test]
    fn div_soup_and_line_breaks() {
        // No semantic containers: the text-dense block wins over the link-dense menu.
        let page = format!(
            r#"<html><body><div id="m"><a href="/">Home</a> | <a href="/n">News</a> | <a href="/c">Contact</a></div>
<div id="x"><div>{PROSE}<br>MS. PSAKI: Good afternoon.<br>Q Thank you.</div><div>{PROSE2}</div></div></body></html>"#
        );
        check_blocks(
            &page,
            &[
                (
                    Paragraph,
                    &format!("{PROSE}\nMS. PSAKI: Good afternoon.\nQ Thank you."),
                ),
                (Paragraph, PROSE2),
            ],
        );
    }

    /// Pages without <p> write paragraphs as two <br>s: each is a block of its own, and a
    /// single <br> (even with the markup's own line break after it) stays a line break.
    #[test]
    fn two_line_breaks_end_a_paragraph() {
        let page = format!(
            "<html><body><div id=\"x\"><div>{PROSE}<br />\n<br />\n{PROSE2}<br>\nMS. PSAKI: Good afternoon.<br> <br><br>Q Thank you.</div></div></body></html>"
        );
        check_blocks(
            &page,
            &[
                (Paragraph, PROSE),
                (Paragraph, &format!("{PROSE2}\nMS. PSAKI: Good afternoon.")),
                (Paragraph, "Q Thank you."),
            ],
        );
    }

    #[test]
    fn blocks_know_their_source_lines() {
        let page = format!(
            "<html><head><meta name=description content=\"{}\"></head>\n<body>\n<nav>Home</nav>\n<article>\n<p>{PROSE}</p>\n\n<p>{PROSE2}</p><p>Caf&eacute; owners agree.</p>\n</article></body></html>",
            &PROSE[..40]
        );
        let lines: Vec<Option<usize>> = read_html(&page, &HtmlOptions::default())
            .blocks
            .iter()
            .map(|b| b.line)
            .collect();
        assert_eq!(lines, [Some(5), Some(7), None]);
    }

    #[test]
    fn heading_repeating_the_title_is_dropped_other_headings_stay() {
        let page = format!(
            r#"<html><head><title>Water accord signed - Capital Wire</title></head><body><article>
<h1>Water accord signed</h1><p>{PROSE}</p><h2>What comes next</h2><p>{PROSE2}</p></article></body></html>"#
        );
        check_blocks(
            &page,
            &[
                (Paragraph, PROSE),
                (Heading, "What comes next"),
                (Paragraph, PROSE2),
            ],
        );
    }

    #[test]
    fn metadata_best_source_first() {
        // OpenGraph and article:* meta.
        check_meta(
            &news_page(),
            None,
            [
                Some("Talks resume | Meridian Herald"),
                Some("2023-06-01"),
                Some("Ana Ruiz"),
                Some("Meridian Herald"),
            ],
        );
        // JSON-LD wins over meta tags.
        check_meta(
            r#"<html><head><meta property="og:title" content="OG title"><meta property="article:published_time" content="2020-01-01">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle","headline":"Water accord signed","datePublished":"2022-02-03T08:00:00+01:00","author":[{"@type":"Person","name":"Li Wen"},{"@type":"Person","name":"Bo Chan"}],"publisher":{"@type":"Organization","name":"Capital Wire"}}]}</script></head><body><p>Text.</p></body></html>"#,
            None,
            [
                Some("Water accord signed"),
                Some("2022-02-03"),
                Some("Li Wen; Bo Chan"),
                Some("Capital Wire"),
            ],
        );
        // Scholarly and Dublin Core meta.
        check_meta(
            r#"<html><head><meta name="citation_title" content="Groundwater under the Lune"><meta name="citation_author" content="Ruiz, Ana"><meta name="citation_author" content="Wen, Li"><meta name="citation_publication_date" content="2021/03/04"><meta name="DC.publisher" content="Kell Institute"></head><body><p>Text.</p></body></html>"#,
            None,
            [
                Some("Groundwater under the Lune"),
                Some("2021-03-04"),
                Some("Ruiz, Ana; Wen, Li"),
                Some("Kell Institute"),
            ],
        );
        // The URL's date path, and its host as the outlet.
        check_meta(
            r#"<html><head><title>Talks</title></head><body><p>Posted 1 May 2018</p></body></html>"#,
            Some("https://www.reuters.com/world/2019/06/19/talks/"),
            [Some("Talks"), Some("2019-06-19"), None, Some("Reuters")],
        );
        // <time datetime>, a byline element, a host without a known name.
        check_meta(
            r#"<html><head><title>Talks</title><link rel="canonical" href="https://news.example.org/talks"></head><body><article><p class="byline">By <a rel="author" href="/ana">Ana Ruiz</a></p><time datetime="2017-11-02T09:00">2 Nov</time><p>Text.</p></article></body></html>"#,
            None,
            [
                Some("Talks"),
                Some("2017-11-02"),
                Some("Ana Ruiz"),
                Some("news.example.org"),
            ],
        );
        // Only text dates: a German "Veröffentlicht am" line.
        check_meta(
            r#"<html><body><div class="content"><p>Veröffentlicht am 3. Mai 2019 von Anna</p><p>Text über Wasser.</p></div></body></html>"#,
            None,
            [None, Some("2019-05-03"), None, None],
        );
        // Dates that cannot be publication dates are not taken.
        check_meta(
            r#"<html><head><meta property="article:published_time" content="2990-01-01"></head><body><p>Founded 1 January 1890.</p></body></html>"#,
            None,
            [None, None, None, None],
        );
    }

    #[test]
    fn pages_without_text_are_errors() {
        for page in [
            "",
            "<html><body></body></html>",
            "<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>",
            "<!-- nothing but a comment -->",
        ] {
            assert_eq!(
                read_html_bytes(page.as_bytes(), &HtmlOptions::default()),
                Err("not valid HTML or text: no text found".to_owned()),
                "{page}"
            );
        }
    }

    #[test]
    fn malformed_markup_still_yields_the_text() {
        let page = format!(
            "<html><body><div><p>{PROSE}<p>{PROSE2}</div></span></table><b><i>Bold italic</b></i><<<>>>&bogus; &amp;</body>"
        );
        let blocks = read_html(&page, &HtmlOptions::default()).blocks;
        let text: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(text.contains(&PROSE) && text.contains(&PROSE2), "{text:?}");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        for depth in [10_000, 20_000] {
            let page = format!(
                "<html><body>{}<p>{PROSE}</p>{}</body></html>",
                "<div>".repeat(depth),
                "</div>".repeat(depth)
            );
            let blocks = read_html(&page, &HtmlOptions::default()).blocks;
            assert!(blocks.iter().any(|b| b.text == PROSE), "depth {depth}");
            let page = format!("{}deep text", "<span><b>".repeat(depth));
            let blocks = read_html(&page, &HtmlOptions::default()).blocks;
            assert!(
                blocks.iter().any(|b| b.text == "deep text"),
                "depth {depth}"
            );
        }
    }

    #[test]
    fn nesting_is_limited_not_lost() {
        let deep = format!("{}<p>kept</p>{}", "<div>".repeat(600), "</div>".repeat(600));
        let limited = limit_nesting(&deep);
        assert_eq!(limited.matches("<div>").count(), MAX_NESTING);
        assert_eq!(limited.matches("</div>").count(), MAX_NESTING);
        assert!(limited.contains("<p>kept</p>"));
        // Comments, scripts and self-closing tags do not count; shallow pages are untouched.
        let page = format!(
            "<!-- {} --><script>{}</script><div/>{}<div>x</div>",
            "<div>".repeat(600),
            "<div>".repeat(600),
            "<span></span>".repeat(600)
        );
        assert!(matches!(
            limit_nesting(&page),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_large_wide_page_is_read() {
        // 2 MB here to keep debug test runs fast; the benchmark reads a 20 MB page.
        let paragraphs = format!("<p>{PROSE}</p>").repeat(2_000_000 / (PROSE.len() + 7));
        let page =
            format!("<html><body><nav>Menu</nav><article>{paragraphs}</article></body></html>");
        let blocks = read_html(&page, &HtmlOptions::default()).blocks;
        assert!(blocks.len() > 10_000 && blocks.iter().all(|b| b.text == PROSE));
    }

    #[test]
    fn charset_declarations_are_checked_against_the_bytes() {
        let body = |bytes: &[u8]| {
            read_html_bytes(bytes, &HtmlOptions::default())
                .map(|p| p.blocks[0].text.clone())
                .unwrap_or_default()
        };
        let mut latin1 = br#"<html><head><meta charset="iso-8859-1"></head><body><p>"#.to_vec();
        // Declared Latin-1 and Latin-1 bytes.
        latin1.extend_from_slice(b"Caf\xe9 cr\xe8me</p></body></html>");
        assert_eq!(body(&latin1), "Caf\u{e9} cr\u{e8}me");
        // Declared Latin-1, saved as UTF-8.
        let utf8 =
            "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Café crème</p></body></html>";
        assert_eq!(body(utf8.as_bytes()), "Café crème");
        // Declared UTF-8, saved as Windows-1252.
        let mut cp1252 = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><p>"#.to_vec();
        cp1252.extend_from_slice(b"\x93Caf\xe9\x94</p></body></html>");
        assert_eq!(body(&cp1252), "\u{201c}Caf\u{e9}\u{201d}");
        // A BOM wins over the declaration.
        let bom = "\u{feff}<html><head><meta charset=\"windows-1252\"></head><body><p>Café</p></body></html>";
        assert_eq!(body(bom.as_bytes()), "Café");
    }

    #[test]
    fn finds_declared_charset() {
        assert_eq!(
            declared_charset(br#"<meta charset="windows-1252">"#).as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            declared_charset(
                br#"<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">"#
            )
            .as_deref(),
            Some("iso-8859-1")
        );
    }
}
