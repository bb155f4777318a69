//! Main content: which part of a page is the article, and its text as blocks.
//!
//! The page is flattened once into an arena ([`Dom`]) in document order, with page chrome
//! that is never content (scripts, navigation, form controls, hidden elements) left out.
//! Every element then gets its subtree's statistics (text, link text, commas, paragraphs,
//! images, list items) in one backward pass. Paragraph-like elements score their ancestors
//! the way readability does (commas and length, less for farther ancestors), candidates are
//! weighed by tag and by class/id signals and discounted by link density, and the best one,
//! with the siblings that look like more of the same article, is the article. Its text is
//! emitted block by block, leaving out what looks like furniture inside it (link lists,
//! share bars, related-story boxes, image galleries).
//!
//! Nothing here recurses over the tree: deep markup cannot overflow the stack.
//! This module does not read metadata; `meta` and `date` do.

use crate::model::{normalize_whitespace, Block, BlockKind};
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Node};

/// Elements whose whole subtree is never article text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "footer", "aside", "button", "iframe", "svg", "select",
    "textarea", "template", "head", "menu", "dialog", "object", "embed", "canvas", "input",
    "label", "link", "meta", "audio", "video", "map", "math", "option",
];

/// Class/id words that mark furniture: such elements are left out (first attempt only).
const UNLIKELY: &[&str] = &[
    "ad-break",
    "agegate",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cookie",
    "consent",
    "disqus",
    "footer",
    "gdpr",
    "header",
    "menu",
    "masthead",
    "modal",
    "navbar",
    "newsletter",
    "pagination",
    "pager",
    "popup",
    "promo",
    "related",
    "remark",
    "replies",
    "rss",
    "share",
    "sharing",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "subscribe",
    "signup",
    "tags",
    "toolbar",
    "outbrain",
    "taboola",
    "recommend",
    "read-more",
    "readmore",
    "more-stories",
    "trending",
    "popular",
    "author-bio",
    "widget",
];

/// Class/id words of a gallery, slideshow or carousel: set into an article, it is another
/// feature ("Business news in pictures", fifty captions long), not the article's text.
const GALLERY: &[&str] = &["gallery", "slideshow", "carousel"];

/// Class/id words that save an element from [`UNLIKELY`].
const MAYBE_CANDIDATE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "shadow",
];

/// Class/id words that raise an element's weight as the article container.
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
    "articlebody",
    "article-body",
    "story-body",
    "post-content",
    "entry-content",
];

/// Class/id words that lower it.
const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "hid",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "byline",
    "author",
    "caption",
    "credit",
    "newsletter",
    "subscribe",
    "social",
    "recommend",
    "teaser",
    "toolbar",
];

/// Short texts that are page furniture wherever they stand.
const BOILERPLATE_LINES: &[&str] = &[
    "advertisement",
    "advertisements",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "comments",
    "read more",
    "continue reading",
    "related",
    "related articles",
    "related stories",
    "related content",
    "recommended",
    "you may also like",
    "more from",
    "sign up",
    "subscribe",
    "skip to content",
    "skip to main content",
    "image",
    "photo",
    "video",
    "loading",
    "loading...",
    "close",
    "menu",
    "back to top",
    "top",
    "ad",
];

const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An ordinary element.
    Element,
    /// A text node.
    Text,
}

/// One node of the flattened page.
struct Item<'a> {
    role: Role,
    /// The tag name (empty for text).
    tag: &'a str,
    element: Option<&'a Element>,
    text: &'a str,
    parent: u32,
    /// One past the last descendant: the subtree is `index..end`.
    end: u32,
    /// Class/id matched [`UNLIKELY`] and not [`MAYBE_CANDIDATE`].
    unlikely: bool,
    /// A block-level element (see [`is_block_tag`]).
    block: bool,
    /// For text, its length as [`text_len`] counts it, and its commas.
    len: u32,
    commas: u32,
    class_weight: i32,
    /// Class/id matched [`GALLERY`].
    gallery: bool,
    /// Marked `itemprop="articleBody"` by the page.
    article_body: bool,
}

/// Subtree statistics of one element, over the text that is not left out.
#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    text: u32,
    link_text: u32,
    commas: u32,
    paragraphs: u32,
    images: u32,
    list_items: u32,
    heading_text: u32,
    inputs: u32,
    embeds: u32,
    block_children: u32,
    /// Text whose nearest block-level ancestor is this element (text beside child blocks).
    inline_text: u32,
    inline_commas: u32,
}

impl Stats {
    fn link_density(&self) -> f64 {
        if self.text == 0 {
            0.0
        } else {
            self.link_text as f64 / self.text as f64
        }
    }
}

/// The page flattened in document order.
struct Dom<'a> {
    items: Vec<Item<'a>>,
}

fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "header"
            | "form"
            | "fieldset"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "caption"
            | "hr"
            | "body"
            | "html"
    )
}

fn is_hidden(element: &Element) -> bool {
    if element.attr("hidden").is_some() || element.attr("aria-hidden") == Some("true") {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

fn skipped(element: &Element) -> bool {
    let name = element.name();
    if SKIP_TAGS.contains(&name) {
        return true;
    }
    if name == "span" || name == "a" || name == "i" {
        // Icons and screen-reader-only labels are hidden often; never skip body text for it.
        return element.attr("aria-hidden") == Some("true") || is_hidden(element);
    }
    is_hidden(element)
        || element.attr("role").is_some_and(is_control_role)
        || element
            .attr("aria-label")
            .is_some_and(|label| label.to_ascii_lowercase().ends_with("player"))
}

/// ARIA roles of page furniture and widget controls ("Play Video", "Mute" of a video
/// player's buttons and menus), never article text.
fn is_control_role(role: &str) -> bool {
    matches!(
        role,
        "navigation"
            | "button"
            | "toolbar"
            | "menu"
            | "menubar"
            | "menuitem"
            | "menuitemcheckbox"
            | "menuitemradio"
            | "slider"
            | "progressbar"
            | "tablist"
            | "search"
    )
}

/// The class and id attribute, lowercased, as one string.
fn class_and_id(element: &Element) -> String {
    let mut out = String::new();
    for value in [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
    {
        out.push_str(&value.to_ascii_lowercase());
        out.push(' ');
    }
    out
}

fn matches_any(haystack: &str, words: &[&str]) -> bool {
    words.iter().any(|word| haystack.contains(word))
}

fn class_weight(element: &Element, article_body: bool) -> i32 {
    let mut weight = 0;
    for value in [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
    {
        let value = value.to_ascii_lowercase();
        if matches_any(&value, NEGATIVE) {
            weight -= 25;
        }
        if matches_any(&value, POSITIVE) {
            weight += 25;
        }
    }
    if article_body {
        weight += 50;
    }
    weight
}

impl<'a> Dom<'a> {
    /// Flattens `root`'s subtree, leaving out elements that are never content.
    fn build(root: ElementRef<'a>) -> Dom<'a> {
        let mut items: Vec<Item<'a>> = Vec::new();
        let mut open: Vec<u32> = Vec::new();
        let mut skip_until: Option<ego_tree::NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip_until.is_some() {
                        continue;
                    }
                    let parent = open.last().copied().unwrap_or(NONE);
                    match node.value() {
                        Node::Element(element) => {
                            if skipped(element) && node.id() != root.id() {
                                skip_until = Some(node.id());
                                continue;
                            }
                            let tag = element.name();
                            let hints = class_and_id(element);
                            // The element the page marks as the article's body is never
                            // unlikely ("gigya-share-btns-2_gig_containerParent").
                            let article_body = element.attr("itemprop") == Some("articleBody");
                            let unlikely = !hints.is_empty()
                                && !matches!(tag, "body" | "html" | "a" | "article" | "main")
                                && matches_any(&hints, UNLIKELY)
                                && !matches_any(&hints, MAYBE_CANDIDATE)
                                && !article_body;
                            let unlikely = unlikely
                                || matches!(
                                    element.attr("role"),
                                    Some("complementary" | "dialog" | "alertdialog" | "banner")
                                );
                            open.push(items.len() as u32);
                            items.push(Item {
                                role: Role::Element,
                                tag,
                                element: Some(element),
                                text: "",
                                parent,
                                end: 0,
                                unlikely,
                                block: is_block_tag(tag),
                                len: 0,
                                commas: 0,
                                class_weight: class_weight(element, article_body),
                                gallery: matches_any(&hints, GALLERY),
                                article_body,
                            });
                        }
                        Node::Text(text) => {
                            let index = items.len() as u32;
                            items.push(Item {
                                role: Role::Text,
                                tag: "",
                                element: None,
                                text,
                                parent,
                                end: index + 1,
                                unlikely: false,
                                block: false,
                                len: text_len(text),
                                commas: text
                                    .chars()
                                    .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
                                    .count() as u32,
                                class_weight: 0,
                                gallery: false,
                                article_body: false,
                            });
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skip_until == Some(node.id()) {
                        skip_until = None;
                        continue;
                    }
                    if skip_until.is_some() {
                        continue;
                    }
                    if matches!(node.value(), Node::Element(_)) {
                        if let Some(index) = open.pop() {
                            items[index as usize].end = items.len() as u32;
                        }
                    }
                }
            }
        }
        while let Some(index) = open.pop() {
            items[index as usize].end = items.len() as u32;
        }
        // A box that holds the page's marked article body or its `<main>` is a layout
        // column ("container with-sidebar-right"), not furniture.
        for index in 0..items.len() {
            if items[index].article_body || items[index].tag == "main" {
                let mut ancestor = items[index].parent;
                while ancestor != NONE {
                    items[ancestor as usize].unlikely = false;
                    ancestor = items[ancestor as usize].parent;
                }
            }
        }
        Dom { items }
    }

    /// Which items are left out: with `strict`, unlikely subtrees too.
    fn excluded(&self, strict: bool) -> Vec<bool> {
        let mut out = vec![false; self.items.len()];
        for (index, item) in self.items.iter().enumerate() {
            let parent_out = item.parent != NONE && out[item.parent as usize];
            out[index] = parent_out || (strict && item.unlikely);
        }
        out
    }

    /// Whether each item is, or sits inside, an element named `tag`.
    fn inside(&self, tag: &str) -> Vec<bool> {
        let mut out = vec![false; self.items.len()];
        for (index, item) in self.items.iter().enumerate() {
            let parent_in = item.parent != NONE && out[item.parent as usize];
            out[index] = parent_in || item.tag == tag;
        }
        out
    }

    /// Each item's nearest block-level ancestor.
    fn block_owner(&self) -> Vec<u32> {
        let mut out = vec![NONE; self.items.len()];
        for (index, item) in self.items.iter().enumerate() {
            if item.parent == NONE {
                continue;
            }
            let parent = &self.items[item.parent as usize];
            out[index] = if parent.block {
                item.parent
            } else {
                out[item.parent as usize]
            };
        }
        out
    }

    /// Subtree statistics for every item, in one backward pass.
    fn stats(&self, excluded: &[bool]) -> Vec<Stats> {
        let in_link = self.inside("a");
        let block_owner = self.block_owner();
        let mut stats = vec![Stats::default(); self.items.len()];
        for index in (0..self.items.len()).rev() {
            if excluded[index] {
                continue;
            }
            let item = &self.items[index];
            let mut own = stats[index];
            match item.role {
                Role::Text => {
                    let len = item.len;
                    own.text = len;
                    if in_link[index] {
                        own.link_text = len;
                    }
                    own.commas = item.commas;
                    let owner = block_owner[index];
                    if owner != NONE && !in_link[index] {
                        stats[owner as usize].inline_text += len;
                        stats[owner as usize].inline_commas += own.commas;
                    }
                }
                Role::Element => match item.tag {
                    "p" => own.paragraphs += 1,
                    "img" | "picture" => own.images += 1,
                    "li" => own.list_items += 1,
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => own.heading_text = own.text,
                    "input" | "select" | "textarea" | "button" => own.inputs += 1,
                    "embed" | "object" | "iframe" | "video" => own.embeds += 1,
                    _ => {}
                },
            }
            stats[index] = own;
            if item.parent != NONE {
                let parent = &mut stats[item.parent as usize];
                parent.text += own.text;
                parent.link_text += own.link_text;
                parent.commas += own.commas;
                parent.paragraphs += own.paragraphs;
                parent.images += own.images;
                parent.list_items += own.list_items;
                parent.heading_text += own.heading_text;
                parent.inputs += own.inputs;
                parent.embeds += own.embeds;
                if item.block {
                    parent.block_children += 1;
                }
            }
        }
        stats
    }

    fn children(&self, index: u32) -> impl Iterator<Item = u32> + '_ {
        let end = self.items[index as usize].end;
        let mut next = index + 1;
        std::iter::from_fn(move || {
            if next >= end {
                return None;
            }
            let child = next;
            next = self.items[child as usize].end.max(child + 1);
            Some(child)
        })
    }

    fn contains(&self, ancestor: u32, index: u32) -> bool {
        ancestor <= index && index < self.items[ancestor as usize].end
    }
}

/// Length of a text node's visible characters, with whitespace runs as one.
fn text_len(text: &str) -> u32 {
    let mut len = 0u32;
    let mut in_space = true;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                len += 1;
                in_space = true;
            }
        } else {
            len += 1;
            in_space = false;
        }
    }
    len
}

fn tag_score(tag: &str) -> f64 {
    match tag {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// The article's text as blocks: the best candidate subtree with its like siblings.
pub(super) fn article_blocks(root: ElementRef<'_>) -> Vec<Block> {
    let dom = Dom::build(root);
    if dom.items.is_empty() {
        return Vec::new();
    }
    let total_text: u32 = dom
        .items
        .iter()
        .filter(|item| item.role == Role::Text)
        .map(|item| item.len)
        .sum();
    let mut best: Vec<Block> = Vec::new();
    let mut best_len = 0usize;
    for strict in [true, false] {
        let excluded = dom.excluded(strict);
        let stats = dom.stats(&excluded);
        let selection = select_article(&dom, &stats, &excluded);
        let blocks = emit_blocks(&dom, &stats, &excluded, &selection, strict);
        let len: usize = blocks.iter().map(|b| b.text.len()).sum();
        if len > best_len {
            best_len = len;
            best = blocks;
        }
        // Enough text, or most of the page: no second, looser attempt.
        if best_len >= 200 || best_len as f64 >= 0.6 * total_text as f64 {
            break;
        }
    }
    best
}

/// The article as chosen: the roots to emit, in document order, and every element's score
/// (zero for elements no paragraph scored).
struct Selection {
    roots: Vec<u32>,
    score: Vec<f64>,
}

/// Readability-style candidate scoring.
fn select_article(dom: &Dom<'_>, stats: &[Stats], excluded: &[bool]) -> Selection {
    let n = dom.items.len();
    let mut score = vec![0f64; n];
    let mut scored = vec![false; n];
    for index in 0..n {
        let item = &dom.items[index];
        if excluded[index] || item.role != Role::Element {
            continue;
        }
        let own = &stats[index];
        let paragraph_like = matches!(item.tag, "p" | "pre" | "td")
            || (matches!(item.tag, "div" | "section" | "blockquote") && own.block_children == 0);
        // Text written straight into a container beside its child blocks is a paragraph
        // of that container (readability wraps it in a `<p>`).
        let (len, commas, mut ancestor) = if paragraph_like {
            (own.text, own.commas, item.parent)
        } else if matches!(item.tag, "div" | "section" | "article" | "main") {
            (own.inline_text, own.inline_commas, index as u32)
        } else {
            continue;
        };
        if len < 25 {
            continue;
        }
        let content = 1.0 + commas as f64 + (len as f64 / 100.0).floor().min(3.0);
        let mut level = 0;
        while ancestor != NONE && level < 5 {
            let a = ancestor as usize;
            if !scored[a] {
                scored[a] = true;
                // Class and id count in proportion to the text up to 250 characters,
                // so that a tiny "page-title" box cannot outscore the article.
                let presence = (stats[a].text as f64 / 250.0).min(1.0);
                score[a] =
                    tag_score(dom.items[a].tag) + dom.items[a].class_weight as f64 * presence;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f64 * 3.0,
            };
            score[a] += content / divider;
            ancestor = dom.items[a].parent;
            level += 1;
        }
    }
    // Link density discounts every candidate.
    for index in 0..n {
        if scored[index] {
            score[index] *= 1.0 - stats[index].link_density();
        }
    }
    let mut ranked: Vec<u32> = (0..n as u32).filter(|&i| scored[i as usize]).collect();
    ranked.sort_by(|&a, &b| score[b as usize].total_cmp(&score[a as usize]));
    let Some(&first) = ranked.first() else {
        return Selection {
            roots: vec![0],
            score,
        };
    };
    let mut top = first;
    let top_score = score[top as usize];

    // Several near-best candidates under one ancestor: the article is that ancestor.
    let alternatives: Vec<u32> = ranked
        .iter()
        .skip(1)
        .take(5)
        .copied()
        .filter(|&i| score[i as usize] >= 0.75 * top_score)
        .collect();
    if alternatives.len() >= 3 {
        let mut parent = dom.items[top as usize].parent;
        while parent != NONE && dom.items[parent as usize].tag != "body" {
            let holding = alternatives
                .iter()
                .filter(|&&alt| dom.contains(parent, alt))
                .count();
            if holding >= 3 {
                top = parent;
                break;
            }
            parent = dom.items[parent as usize].parent;
        }
    }
    // Climb while the parent scores better: the article was split across children.
    let mut last_score = score[top as usize];
    let threshold = last_score / 3.0;
    let mut parent = dom.items[top as usize].parent;
    while parent != NONE && dom.items[parent as usize].tag != "body" {
        let p = parent as usize;
        if !scored[p] {
            parent = dom.items[p].parent;
            continue;
        }
        if score[p] < threshold {
            break;
        }
        if score[p] > last_score {
            top = parent;
            break;
        }
        last_score = score[p];
        parent = dom.items[p].parent;
    }
    // An only child stands for its parent.
    loop {
        let parent = dom.items[top as usize].parent;
        if parent == NONE || dom.items[parent as usize].tag == "body" {
            break;
        }
        let live_children = dom
            .children(parent)
            .filter(|&c| !excluded[c as usize] && stats[c as usize].text > 0)
            .count();
        if live_children != 1 {
            break;
        }
        top = parent;
    }

    // A widget inside the element the page marks as the article's body
    // (`itemprop="articleBody"`), such as a gallery of long captions, may outscore the
    // body's own paragraphs: the marked body is the article when it has text of its own.
    let mut ancestor = dom.items[top as usize].parent;
    while ancestor != NONE {
        let a = ancestor as usize;
        if dom.items[a].article_body {
            if !excluded[a] && stats[a].text.saturating_sub(stats[top as usize].text) >= 500 {
                top = ancestor;
            }
            break;
        }
        ancestor = dom.items[a].parent;
    }

    // Siblings that look like more of the article join it.
    let parent = dom.items[top as usize].parent;
    if parent == NONE {
        return Selection {
            roots: vec![top],
            score,
        };
    }
    let top_score = if scored[top as usize] {
        score[top as usize]
    } else {
        0.0
    };
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.items[top as usize]
        .element
        .and_then(|e| e.attr("class"))
        .unwrap_or("");
    let mut roots = Vec::new();
    for sibling in dom.children(parent) {
        if sibling == top {
            roots.push(sibling);
            continue;
        }
        let s = sibling as usize;
        let item = &dom.items[s];
        if excluded[s] || item.role != Role::Element {
            continue;
        }
        if item.gallery {
            continue;
        }
        let mut bonus = 0.0;
        let class = item.element.and_then(|e| e.attr("class")).unwrap_or("");
        if !top_class.is_empty() && class == top_class {
            bonus += top_score * 0.2;
        }
        let sibling_score = if scored[s] { score[s] } else { 0.0 };
        let mut append = scored[s] && sibling_score + bonus >= threshold;
        if !append && item.tag == "p" {
            let own = &stats[s];
            let density = own.link_density();
            if own.text > 80 && density < 0.25 {
                append = true;
            } else if own.text > 0 && own.text <= 80 && density == 0.0 {
                let text = subtree_text(dom, sibling);
                append = text.contains(". ") || text.trim_end().ends_with('.');
            }
        }
        // Figures with captions and bylines stand beside the body text in many layouts.
        let hints = dom.items[s].element.map(class_and_id).unwrap_or_default();
        let own = &stats[s];
        if !append && own.text > 0 && own.text < 400 {
            append = (item.tag == "figure" && own.link_density() < 0.5) || hints.contains("byline");
        }
        if append {
            roots.push(sibling);
        }
    }
    Selection { roots, score }
}

fn subtree_text(dom: &Dom<'_>, index: u32) -> String {
    let end = dom.items[index as usize].end;
    let mut out = String::new();
    for item in &dom.items[index as usize..end as usize] {
        if item.role == Role::Text {
            out.push_str(item.text);
        }
    }
    out
}

fn is_list(dom: &Dom<'_>, index: u32) -> bool {
    matches!(dom.items[index as usize].tag, "ul" | "ol" | "dl")
}

/// Whether an element inside the article is furniture by its statistics (readability's
/// conditional cleaning, with a link-list rule of its own).
fn drop_conditionally(
    dom: &Dom<'_>,
    stats: &[Stats],
    in_figure: &[bool],
    score: &[f64],
    index: u32,
) -> bool {
    let item = &dom.items[index as usize];
    if !matches!(
        item.tag,
        "div"
            | "section"
            | "table"
            | "ul"
            | "ol"
            | "dl"
            | "form"
            | "fieldset"
            | "header"
            | "figure"
    ) {
        return false;
    }
    if item.gallery {
        return true;
    }
    let own = &stats[index as usize];
    let weight = item.class_weight;
    // A negative class weight is outweighed by the paragraphs the element holds.
    if weight as f64 + score[index as usize] < 0.0 && own.text < 2000 && own.paragraphs < 3 {
        return true;
    }
    if own.commas >= 10 {
        return false;
    }
    let list = is_list(dom, index);
    let density = own.link_density();
    let paragraphs = own.paragraphs as f64;
    let images = own.images as f64;
    let heading_density = if own.text == 0 {
        0.0
    } else {
        own.heading_text as f64 / own.text as f64
    };
    let inside_figure = in_figure[index as usize];
    if item.tag == "figure" {
        return false;
    }
    if images > 1.0 && paragraphs / images < 0.5 && !inside_figure && own.text < 200 {
        return true;
    }
    if !list && own.list_items as f64 > paragraphs + 100.0 {
        return true;
    }
    if own.inputs as f64 > (paragraphs / 3.0).floor() {
        return true;
    }
    if !list
        && heading_density < 0.9
        && own.text < 25
        && (images == 0.0 || images > 2.0)
        && density > 0.0
    {
        return true;
    }
    if !list && weight < 25 && density > 0.2 && own.text < 1000 {
        return true;
    }
    if weight >= 25 && density > 0.5 {
        return true;
    }
    if list && density > 0.5 && own.text < 1000 {
        return true;
    }
    if (own.embeds == 1 && own.text < 75) || own.embeds > 1 {
        return true;
    }
    false
}

fn block_kind(tag: &str) -> Option<BlockKind> {
    Some(match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "blockquote" => BlockKind::BlockQuote,
        "figcaption" | "caption" => BlockKind::Caption,
        "pre" => BlockKind::Preformatted,
        "p" | "div" | "section" | "article" | "main" | "tr" | "table" | "ul" | "ol" | "dl"
        | "figure" | "address" | "center" | "header" | "form" | "fieldset" | "details"
        | "summary" | "body" => BlockKind::Paragraph,
        _ => return None,
    })
}

/// Text collected for one open block.
struct Pending {
    kind: BlockKind,
    text: String,
    link_text: usize,
    /// Where the text stood right after the last `<br>`: a second `<br>` with nothing but
    /// white space since then ends a paragraph.
    after_br: Option<usize>,
}

/// Marks, inside a pending block's text, a paragraph break written as two `<br>`s; the
/// block is emitted as one block per paragraph.
const BR_BREAK: char = '\u{2029}';

/// Emits the blocks of the chosen roots, leaving out what is left out and, when `clean`,
/// what looks like furniture.
fn emit_blocks(
    dom: &Dom<'_>,
    stats: &[Stats],
    excluded: &[bool],
    selection: &Selection,
    clean: bool,
) -> Vec<Block> {
    let in_link = dom.inside("a");
    let in_figure = dom.inside("figure");
    let mut blocks = Vec::new();
    for &root in &selection.roots {
        // (element index, block kind) for the open block elements, innermost last.
        let mut open: Vec<(u32, BlockKind)> = Vec::new();
        let mut pending = Pending {
            kind: BlockKind::Paragraph,
            text: String::new(),
            link_text: 0,
            after_br: None,
        };
        let end = dom.items[root as usize].end;
        let mut index = root;
        while index < end {
            // Close the blocks that end before this item.
            while let Some(&(open_index, _)) = open.last() {
                if dom.contains(open_index, index) {
                    break;
                }
                open.pop();
                let outer = open.last().map_or(BlockKind::Paragraph, |o| o.1);
                flush(&mut pending, outer, &mut blocks);
            }
            let item = &dom.items[index as usize];
            if excluded[index as usize]
                || (clean
                    && index != root
                    && drop_conditionally(dom, stats, &in_figure, &selection.score, index))
            {
                index = item.end.max(index + 1);
                continue;
            }
            match item.role {
                Role::Text => {
                    pending.text.push_str(item.text);
                    if in_link[index as usize] {
                        pending.link_text += item.len as usize;
                    }
                }
                Role::Element => {
                    match item.tag {
                        "br" => {
                            // "One.<br><br>Two." is two paragraphs, as pages without <p>
                            // write them; a single <br> is a line break.
                            let double = pending
                                .after_br
                                .is_some_and(|at| pending.text[at..].trim().is_empty());
                            pending.text.push(if double { BR_BREAK } else { '\n' });
                            pending.after_br = Some(pending.text.len());
                        }
                        "td" | "th" => {
                            if !pending.text.trim().is_empty() {
                                pending.text.push_str(" | ");
                            }
                        }
                        tag => {
                            if let Some(kind) = block_kind(tag) {
                                let outer = open.last().map_or(BlockKind::Paragraph, |o| o.1);
                                flush(&mut pending, outer, &mut blocks);
                                // Inside a list item or quote, nested paragraphs keep that role.
                                let kind = match (outer, kind) {
                                    (
                                        BlockKind::ListItem | BlockKind::BlockQuote,
                                        BlockKind::Paragraph,
                                    ) => outer,
                                    _ => kind,
                                };
                                pending.kind = kind;
                                open.push((index, kind));
                            }
                        }
                    }
                }
            }
            index += 1;
        }
        flush(&mut pending, BlockKind::Paragraph, &mut blocks);
    }
    blocks
}

/// Ends the pending block: keeps it unless it is empty or furniture, then starts a block
/// of kind `next`.
fn flush(pending: &mut Pending, next: BlockKind, blocks: &mut Vec<Block>) {
    let link_text = pending.link_text;
    let kind = pending.kind;
    let raw = std::mem::take(&mut pending.text);
    pending.link_text = 0;
    pending.kind = next;
    pending.after_br = None;
    // A short block that is mostly link text is navigation, not prose.
    if kind != BlockKind::Heading && link_text > 0 {
        let len = normalize_lines(&raw).chars().count();
        if link_text * 10 > len * 6 && len < 150 {
            return;
        }
    }
    for part in raw.split(BR_BREAK) {
        let text = normalize_lines(part);
        if text.is_empty() || is_boilerplate_line(&text) {
            continue;
        }
        blocks.push(Block::new(kind, text, None));
    }
}

/// Normalises whitespace within lines, keeping the line breaks (`<br>`) a block had.
fn normalize_lines(text: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n') {
        let line = normalize_whitespace(line);
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

fn is_boilerplate_line(text: &str) -> bool {
    if text.len() > 40 {
        return false;
    }
    let key = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    key.is_empty() || BOILERPLATE_LINES.contains(&key.as_str())
}
