//! HTML reader: metadata from `<head>` (title, meta, JSON-LD, `<time>`) and the text of
//! the main content, split at block elements, with page chrome left out.
//!
//! The walk over the tree is iterative, so deeply nested markup cannot overflow the stack.

use crate::model::{normalize_whitespace, Block, BlockKind, Metadata};
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

/// Elements whose whole subtree is never article text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "iframe",
    "svg", "select", "textarea", "template", "head", "menu", "dialog",
];

/// Class or id fragments that mark page furniture rather than content.
const SKIP_CLASS_HINTS: &[&str] = &[
    "cookie",
    "share",
    "social",
    "related",
    "comment",
    "newsletter",
    "subscribe",
    "promo",
    "advert",
    "sidebar",
    "breadcrumb",
    "navbar",
    "menu",
    "footer",
    "masthead",
    "popup",
    "modal",
    "read-more",
    "readmore",
    "recommend",
    "banner",
];

static SEL_TITLE: LazyLock<Selector> = LazyLock::new(|| Selector::parse("title").unwrap());
static SEL_META: LazyLock<Selector> = LazyLock::new(|| Selector::parse("meta").unwrap());
static SEL_JSONLD: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse(r#"script[type="application/ld+json"]"#).unwrap());
static SEL_TIME: LazyLock<Selector> = LazyLock::new(|| Selector::parse("time[datetime]").unwrap());
static SEL_CANONICAL: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse(r#"link[rel="canonical"]"#).unwrap());
static SEL_CONTAINERS: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse(r#"[itemprop="articleBody"], article, main, [role="main"]"#).unwrap()
});
static SEL_BODY: LazyLock<Selector> = LazyLock::new(|| Selector::parse("body").unwrap());

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
    let _ = options;
    let page = Html::parse_document(html);
    let meta = page_metadata(&page);
    let root = main_container(&page);
    let blocks = match root {
        Some(root) => content_blocks(root),
        None => Vec::new(),
    };
    HtmlPage { meta, blocks }
}

fn meta_content(page: &Html, keys: &[&str]) -> Option<String> {
    for key in keys {
        for element in page.select(&SEL_META) {
            let value = element.value();
            let name = value
                .attr("property")
                .or_else(|| value.attr("name"))
                .or_else(|| value.attr("itemprop"));
            if name.is_some_and(|n| n.eq_ignore_ascii_case(key)) {
                if let Some(content) = value.attr("content").map(str::trim) {
                    if !content.is_empty() {
                        return Some(content.to_owned());
                    }
                }
            }
        }
    }
    None
}

fn page_metadata(page: &Html) -> Metadata {
    let mut meta = Metadata::default();
    let json_ld = json_ld_article(page);
    meta.title = json_ld
        .as_ref()
        .and_then(|ld| ld.headline.clone())
        .or_else(|| {
            meta_content(
                page,
                &["og:title", "twitter:title", "citation_title", "dc.title"],
            )
        })
        .or_else(|| {
            page.select(&SEL_TITLE)
                .next()
                .map(|t| normalize_whitespace(&t.text().collect::<String>()))
                .filter(|t| !t.is_empty())
        });
    meta.date = json_ld
        .as_ref()
        .and_then(|ld| ld.date.clone())
        .or_else(|| {
            meta_content(
                page,
                &[
                    "article:published_time",
                    "datePublished",
                    "citation_publication_date",
                    "citation_date",
                    "dc.date",
                    "dc.date.issued",
                    "date",
                    "pubdate",
                    "publish-date",
                    "og:published_time",
                ],
            )
        })
        .or_else(|| {
            page.select(&SEL_TIME)
                .next()
                .and_then(|t| t.value().attr("datetime"))
                .map(str::to_owned)
        });
    meta.authors = json_ld
        .as_ref()
        .map(|ld| ld.authors.clone())
        .filter(|a| !a.is_empty())
        .or_else(|| {
            meta_content(
                page,
                &["author", "article:author", "citation_author", "dc.creator"],
            )
            .filter(|a| !a.starts_with("http"))
            .map(|a| crate::ingest::split_name_list(&a))
        })
        .unwrap_or_default();
    meta.outlet = meta_content(page, &["og:site_name", "application-name"])
        .or_else(|| json_ld.as_ref().and_then(|ld| ld.publisher.clone()));
    meta.url = meta_content(page, &["og:url"]).or_else(|| {
        page.select(&SEL_CANONICAL)
            .next()
            .and_then(|l| l.value().attr("href"))
            .map(str::to_owned)
    });
    meta
}

#[derive(Default)]
struct JsonLdArticle {
    headline: Option<String>,
    date: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
}

fn json_ld_article(page: &Html) -> Option<JsonLdArticle> {
    for script in page.select(&SEL_JSONLD) {
        let raw: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(raw.trim()) else {
            continue;
        };
        let mut candidates = vec![&value];
        let mut found = None;
        while let Some(item) = candidates.pop() {
            match item {
                serde_json::Value::Array(items) => candidates.extend(items),
                serde_json::Value::Object(map) => {
                    if let Some(graph) = map.get("@graph") {
                        candidates.push(graph);
                    }
                    let is_article = map.get("@type").is_some_and(|t| {
                        let types: Vec<&str> = match t {
                            serde_json::Value::String(s) => vec![s.as_str()],
                            serde_json::Value::Array(a) => {
                                a.iter().filter_map(|v| v.as_str()).collect()
                            }
                            _ => vec![],
                        };
                        types.iter().any(|t| {
                            t.ends_with("Article") || *t == "Report" || *t == "BlogPosting"
                        })
                    });
                    if is_article {
                        found = Some(map);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(map) = found else { continue };
        let text = |key: &str| {
            map.get(key)
                .and_then(|v| v.as_str())
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        let name_of = super::json::json_name;
        let authors = match map.get("author") {
            Some(serde_json::Value::Array(items)) => items.iter().filter_map(name_of).collect(),
            Some(other) => name_of(other).into_iter().collect(),
            None => Vec::new(),
        };
        return Some(JsonLdArticle {
            headline: text("headline").or_else(|| text("name")),
            date: text("datePublished").or_else(|| text("dateCreated")),
            authors,
            publisher: map.get("publisher").and_then(name_of),
        });
    }
    None
}

/// Picks the element that holds the article: the container with the most text among the
/// semantic candidates, else `<body>`.
fn main_container(page: &Html) -> Option<ElementRef<'_>> {
    let best = page
        .select(&SEL_CONTAINERS)
        .map(|el| (visible_text_len(el), el))
        .max_by_key(|(len, _)| *len)
        .filter(|(len, _)| *len >= 200)
        .map(|(_, el)| el);
    best.or_else(|| page.select(&SEL_BODY).next())
        .or_else(|| Some(page.root_element()))
}

fn is_skipped(element: &scraper::node::Element) -> bool {
    let name = element.name();
    if SKIP_TAGS.contains(&name) {
        return true;
    }
    if element.attr("hidden").is_some() || element.attr("aria-hidden") == Some("true") {
        return true;
    }
    let hints = [
        element.attr("class"),
        element.attr("id"),
        element.attr("role"),
    ];
    hints.iter().flatten().any(|value| {
        let value = value.to_ascii_lowercase();
        SKIP_CLASS_HINTS.iter().any(|hint| value.contains(hint))
    })
}

/// The tree's edges with page furniture (skipped subtrees, see [`is_skipped`]) left out.
fn visible_edges<'a>(root: ElementRef<'a>) -> impl Iterator<Item = Edge<'a, Node>> + 'a {
    let mut skip_until: Option<ego_tree::NodeId> = None;
    root.traverse().filter(move |edge| match edge {
        Edge::Open(node) => {
            if skip_until.is_some() {
                return false;
            }
            if matches!(node.value(), Node::Element(el) if is_skipped(el)) {
                skip_until = Some(node.id());
                return false;
            }
            true
        }
        Edge::Close(node) => {
            if skip_until == Some(node.id()) {
                skip_until = None;
                return false;
            }
            skip_until.is_none()
        }
    })
}

fn visible_text_len(root: ElementRef<'_>) -> usize {
    visible_edges(root)
        .map(|edge| match edge {
            Edge::Open(node) => node.value().as_text().map_or(0, |t| t.trim().len()),
            Edge::Close(_) => 0,
        })
        .sum()
}

fn block_kind(tag: &str) -> Option<BlockKind> {
    Some(match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "blockquote" => BlockKind::BlockQuote,
        "figcaption" | "caption" => BlockKind::Caption,
        "pre" => BlockKind::Preformatted,
        "p" | "div" | "section" | "article" | "main" | "td" | "th" | "tr" | "table" | "ul"
        | "ol" | "dl" | "figure" | "address" | "center" => BlockKind::Paragraph,
        _ => return None,
    })
}

/// Walks the container and emits one block per block-level element's own text.
fn content_blocks(root: ElementRef<'_>) -> Vec<Block> {
    let mut blocks = Vec::new();
    // A stack of open block kinds; text goes to the innermost.
    let mut kinds: Vec<(ego_tree::NodeId, BlockKind)> = Vec::new();
    let mut buffer = String::new();
    let flush = |buffer: &mut String, kind: BlockKind, blocks: &mut Vec<Block>| {
        let text = normalize_whitespace(buffer);
        buffer.clear();
        if !text.is_empty() {
            blocks.push(Block::new(kind, text, None));
        }
    };
    for edge in visible_edges(root) {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) if el.name() == "br" => buffer.push(' '),
                Node::Element(el) => {
                    if let Some(kind) = block_kind(el.name()) {
                        let outer = kinds.last().map_or(BlockKind::Paragraph, |k| k.1);
                        flush(&mut buffer, outer, &mut blocks);
                        // Inside a list item or quote, nested paragraphs keep that role.
                        let kind = match (outer, kind) {
                            (BlockKind::ListItem | BlockKind::BlockQuote, BlockKind::Paragraph) => {
                                outer
                            }
                            _ => kind,
                        };
                        kinds.push((node.id(), kind));
                    }
                }
                Node::Text(text) => buffer.push_str(text),
                _ => {}
            },
            Edge::Close(node) => {
                if kinds.last().is_some_and(|k| k.0 == node.id()) {
                    let (_, kind) = kinds.pop().expect("checked non-empty");
                    flush(&mut buffer, kind, &mut blocks);
                }
            }
        }
    }
    let kind = kinds.last().map_or(BlockKind::Paragraph, |k| k.1);
    flush(&mut buffer, kind, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><meta charset="utf-8">
<title>Talks resume | Meridian Herald</title>
<meta property="og:site_name" content="Meridian Herald">
<meta property="article:published_time" content="2023-06-01T10:00:00Z">
<meta name="author" content="Ana Ruiz">
</head><body>
<nav><ul><li>Home</li><li>World</li></ul></nav>
<div class="cookie-banner">We use cookies</div>
<article><h1>Talks resume</h1><p class="byline">By Ana Ruiz</p>
<p>Negotiators met on Tuesday in Velmora, the first round since the spring, and both sides described the mood as constructive and businesslike.</p>
<figure><img src="x.jpg"><figcaption>Delegates arrive in Velmora.</figcaption></figure>
<ul><li>First point</li><li>Second <b>point</b></li></ul>
<div class="share-tools">Share on X</div>
</article><footer>Copyright</footer></body></html>"#;

    #[test]
    fn reads_metadata_and_article_blocks() {
        let HtmlPage { meta, blocks } = read_html(PAGE, &HtmlOptions::default());
        assert_eq!(
            meta.title.as_deref(),
            Some("Talks resume | Meridian Herald")
        );
        assert_eq!(meta.outlet.as_deref(), Some("Meridian Herald"));
        assert_eq!(meta.date.as_deref(), Some("2023-06-01T10:00:00Z"));
        assert_eq!(meta.authors, vec!["Ana Ruiz"]);
        let got: Vec<_> = blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(got[0], (BlockKind::Heading, "Talks resume"));
        assert_eq!(got[1], (BlockKind::Paragraph, "By Ana Ruiz"));
        assert!(got.contains(&(BlockKind::Caption, "Delegates arrive in Velmora.")));
        assert!(got.contains(&(BlockKind::ListItem, "Second point")));
        let all: String = blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(!all.contains("cookies") && !all.contains("Share on") && !all.contains("Home"));
    }

    #[test]
    fn json_ld_wins_for_metadata() {
        let page = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Water accord signed","datePublished":"2022-02-03","author":[{"@type":"Person","name":"Li Wen"}],"publisher":{"@type":"Organization","name":"Capital Wire"}}</script></head><body><p>Text.</p></body></html>"#;
        let meta = read_html(page, &HtmlOptions::default()).meta;
        assert_eq!(meta.title.as_deref(), Some("Water accord signed"));
        assert_eq!(meta.date.as_deref(), Some("2022-02-03"));
        assert_eq!(meta.authors, vec!["Li Wen"]);
        assert_eq!(meta.outlet.as_deref(), Some("Capital Wire"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 20_000;
        let page = format!(
            "{}deep text{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let blocks = read_html(&page, &HtmlOptions::default()).blocks;
        assert!(blocks.iter().any(|b| b.text == "deep text"));
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
