//! Fuzzing the extractor with proptest: random bytes, random HTML trees and random plain-text
//! pages go through `extract`, `extract_html` and `extract_text`, which must answer `Ok` or
//! `Err` and never panic. On `Ok` a few invariants that hold by design are checked too.
//!
//! The default number of cases keeps this file quick in the test profile. For a long run:
//!
//! ```text
//! NEWSGRAPH_FUZZ_CASES=20000 cargo test --release -p newsgraph-extract --test extract fuzz -- --nocapture
//! ```
//!
//! Each property prints how many executions it ran (shrinking included) and its slowest one.
//! On a failure the minimal input proptest found is printed, then run once more outside the
//! runner so that the panic's own message and location show.

use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use newsgraph_extract::{ExtractError, ExtractOptions, extract, extract_html, extract_text};
use newsgraph_model::Article;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};

// ---------------------------------------------------------------------------------------------
// Runner

/// Cases per property: `NEWSGRAPH_FUZZ_CASES` divided by `divisor` when set (properties with
/// large inputs run fewer), else `default`.
fn cases(default: u32, divisor: u32) -> u32 {
    std::env::var("NEWSGRAPH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse::<u32>().ok())
        .map_or(default, |n| (n / divisor).max(1))
}

/// Runs `body` over `strategy`, counting executions and timing the slowest; panics with the
/// minimal failing input when a case fails.
fn fuzz<S>(
    name: &str,
    cases: u32,
    strategy: S,
    size: impl Fn(&S::Value) -> usize,
    body: impl Fn(&S::Value) -> Result<(), TestCaseError>,
) where
    S: Strategy,
    S::Value: Debug,
{
    let config = Config {
        cases,
        // Regressions are reported by hand (see the module doc), not written beside the source.
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..Config::default()
    };
    let executions = AtomicU64::new(0);
    let (total_bytes, max_bytes) = (AtomicU64::new(0), AtomicU64::new(0));
    let slowest = std::sync::Mutex::new(Duration::ZERO);
    ARTICLES.set(0);
    let started = Instant::now();
    let mut runner = TestRunner::new(config);
    let result = runner.run(&strategy, |input| {
        executions.fetch_add(1, Ordering::Relaxed);
        let bytes = size(&input) as u64;
        total_bytes.fetch_add(bytes, Ordering::Relaxed);
        max_bytes.fetch_max(bytes, Ordering::Relaxed);
        let t = Instant::now();
        let outcome = body(&input);
        let took = t.elapsed();
        if let Ok(mut s) = slowest.lock()
            && took > *s
        {
            *s = took;
        }
        outcome
    });
    let slowest = slowest.lock().map(|s| *s).unwrap_or_default();
    let executions = executions.load(Ordering::Relaxed);
    println!(
        "fuzz {name}: {executions} executions ({cases} cases) in {:.2?}, slowest {:.2?}; \
         input mean {} B, max {} B; {} articles checked",
        started.elapsed(),
        slowest,
        total_bytes.load(Ordering::Relaxed) / executions.max(1),
        max_bytes.load(Ordering::Relaxed),
        ARTICLES.get(),
    );
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, minimal)) => {
            eprintln!("fuzz {name}: FAILED: {reason}\nminimal input: {minimal:#?}");
            // Again outside the runner, so the panic's own message and location show.
            if let Err(e) = body(&minimal) {
                panic!("fuzz {name}: {e}");
            }
            panic!("fuzz {name}: {reason}");
        }
        Err(TestError::Abort(reason)) => panic!("fuzz {name}: aborted: {reason}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Invariants

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn given_title(options: &ExtractOptions) -> Option<&str> {
    options.title.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

thread_local! {
    /// Articles checked on this thread (each property runs on its own test thread).
    static ARTICLES: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// What holds for every article the extractor returns.
fn check_article(article: &Article, options: &ExtractOptions) -> Result<(), TestCaseError> {
    ARTICLES.set(ARTICLES.get() + 1);
    for p in &article.paragraphs {
        prop_assert!(!p.is_empty(), "empty paragraph in {:?}", article.paragraphs);
        prop_assert_eq!(p.as_str(), p.trim(), "untrimmed paragraph");
    }
    prop_assert_eq!(article.text(), article.paragraphs.join("\n\n"));
    match given_title(options) {
        Some(given) => {
            prop_assert!(!article.title_inferred, "title inferred although one was given");
            prop_assert_eq!(article.title.as_str(), given, "given title not kept");
        }
        None if article.title_inferred && !article.title.is_empty() => {
            // An inferred title is a word prefix of a paragraph (its lead sentence, cut).
            prop_assert!(
                article.paragraphs.iter().any(|p| fold(p).starts_with(&article.title)),
                "inferred title {:?} is not the start of any paragraph",
                article.title
            );
        }
        None => {}
    }
    Ok(())
}

/// `extract_html` / `extract_text` on a decoded text: `Empty` exactly for blank text, never
/// the decoding errors, and an `Ok` article passes [`check_article`].
fn check_text_result(
    text: &str,
    result: &Result<Article, ExtractError>,
    options: &ExtractOptions,
    html: bool,
) -> Result<(), TestCaseError> {
    let blank = text.trim().is_empty();
    match result {
        Ok(article) => {
            prop_assert!(!blank, "Ok for blank input");
            if html {
                prop_assert!(!article.paragraphs.is_empty(), "extract_html gave Ok without a body");
            }
            check_article(article, options)
        }
        Err(ExtractError::Empty) => {
            prop_assert!(blank, "Empty for non-blank input");
            Ok(())
        }
        Err(ExtractError::NoText) => {
            prop_assert!(!blank, "NoText for blank input");
            Ok(())
        }
        Err(e) => Err(TestCaseError::fail(format!("decoding error from a text extractor: {e:?}"))),
    }
}

/// `extract` on bytes: an unknown charset only when the caller named one.
fn check_bytes_result(
    result: &Result<Article, ExtractError>,
    options: &ExtractOptions,
) -> Result<(), TestCaseError> {
    match result {
        Ok(article) => check_article(article, options),
        Err(ExtractError::UnknownCharset(label)) => {
            prop_assert!(
                options.charset.as_deref().is_some_and(|c| !c.trim().is_empty()),
                "UnknownCharset({label:?}) without a charset option"
            );
            Ok(())
        }
        Err(_) => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const WORDS: &[&str] = &[
    "the",
    "council",
    "voted",
    "on",
    "Tuesday",
    "to",
    "close",
    "bridge",
    "Minsk",
    "Мінск",
    "Москва",
    "北京",
    "東京",
    "café",
    "naïve",
    "Straße",
    "🚀",
    "👩‍👩‍👧",
    "مرحبا",
    "שלום",
    "e\u{301}",
    "\u{200b}",
    "\u{a0}",
    "\u{feff}",
    "\u{2028}",
    "\u{0}",
    "\u{fffd}",
    "\u{85}",
    "\r",
    "\t",
    "&amp;",
    "&nbsp;",
    "&#x0;",
    "&#xD800;",
    "&#1234567;",
    "&lt;p&gt;",
    "&",
    "<",
    ">",
    ",",
    ", ",
    "\"",
    "“",
    "”",
    "'",
    "’",
    "By Jane Doe",
    "By X",
    "by John Smith and Ann Lee",
    "By AP |",
    "Jane Doe, Reuters",
    "March 3, 2024",
    "3 March 2024",
    "2024-03-03T10:00:00+02:00",
    "2024-13-45",
    "03/04/2024",
    "Updated:",
    "Published",
    "…",
    "...",
    "|",
    "·",
    "•",
    "Download our app",
    "Share",
    "Read more",
    "Advertisement",
    "Subscribe",
    "Mr.",
    "U.S.",
    "Dr",
    "!",
    "?",
    ".",
    ". ",
    "-",
    "—",
    "(",
    ")",
    ":",
    ";",
    "%",
    "$5",
    "10.5",
    "1,000",
    "said",
    "officials",
    "reported",
    "A",
    "I",
    "WASHINGTON",
    "(Reuters)",
    "--",
    "\\",
    "/",
    "http://x/y",
];

const TAGS: &[&str] = &[
    "p",
    "div",
    "span",
    "a",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "script",
    "style",
    "article",
    "nav",
    "footer",
    "header",
    "aside",
    "main",
    "section",
    "table",
    "tbody",
    "tr",
    "td",
    "th",
    "pre",
    "code",
    "blockquote",
    "time",
    "meta",
    "title",
    "head",
    "body",
    "html",
    "b",
    "i",
    "em",
    "strong",
    "img",
    "figure",
    "figcaption",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "form",
    "input",
    "textarea",
    "select",
    "option",
    "dl",
    "dt",
    "dd",
    "font",
    "center",
    "hr",
    "wbr",
    "button",
    "label",
    "xmp",
    "plaintext",
    "frameset",
    "x-foo",
    "o:p",
    "link",
    "base",
    "address",
];

const VOID: &[&str] = &["br", "meta", "img", "hr", "input", "wbr", "link", "base"];

const ATTR_NAMES: &[&str] = &[
    "class",
    "id",
    "itemprop",
    "href",
    "datetime",
    "content",
    "charset",
    "name",
    "property",
    "rel",
    "lang",
    "hidden",
    "style",
    "aria-hidden",
    "type",
    "src",
    "itemtype",
    "itemscope",
    "data-x",
    "http-equiv",
    "role",
    "dir",
];

const ATTR_VALUES: &[&str] = &[
    "article-body",
    "content",
    "story",
    "byline",
    "author",
    "datePublished",
    "dateModified",
    "headline",
    "og:title",
    "og:site_name",
    "og:url",
    "article:published_time",
    "author",
    "description",
    "display:none",
    "visibility: hidden",
    "true",
    "http://x/a",
    "/rel",
    "../..",
    "javascript:alert(1)",
    "//",
    "http://",
    "mailto:a@b",
    "#frag",
    "http://[::1",
    "https://例え.jp/パス",
    "2024-03-03",
    "2024-03-03T10:00:00Z",
    "yesterday",
    "",
    " ",
    "utf-8",
    "windows-1251",
    "text/html; charset=koi8-r",
    "application/ld+json",
    "en",
    "ru-RU",
    "zz",
    "rtl",
    "main",
    "https://schema.org/NewsArticle",
    "sidebar related",
    "comments",
    "footer",
    "share-buttons",
];

const CHARSETS: &[&str] = &[
    "utf-8",
    "UTF8",
    " utf-8 ",
    "windows-1251",
    "windows-1252",
    "iso-8859-1",
    "latin1",
    "shift_jis",
    "euc-jp",
    "iso-2022-jp",
    "gb18030",
    "gbk",
    "big5",
    "koi8-r",
    "euc-kr",
    "utf-16",
    "utf-16le",
    "utf-16be",
    "x-user-defined",
    "replacement",
    "klingon-8",
    "",
    " ",
    "utf-8\0",
    "\"utf-8\"",
    "text/html; charset=utf-8",
];

const JSON_KEYS: &[&str] = &[
    "@context",
    "@type",
    "@graph",
    "@id",
    "headline",
    "name",
    "author",
    "datePublished",
    "dateModified",
    "publisher",
    "url",
    "articleBody",
    "description",
    "inLanguage",
    "mainEntityOfPage",
    "image",
    "logo",
];

const JSON_STRINGS: &[&str] = &[
    "NewsArticle",
    "Article",
    "Person",
    "Organization",
    "WebPage",
    "https://schema.org",
    "Jane Doe",
    "2024-03-03T10:00:00+02:00",
    "2024-03-03",
    "not a date",
    "",
    "The Daily",
    "http://x/story",
    "</script><p>escaped",
    "\u{0}",
    "Мінск",
];

const URLS: &[&str] = &[
    "http://x/",
    "http://x/a/b?c=d#e",
    "https://x.example/news/2024/03/03/story.html",
    "",
    " ",
    "garbage",
    "http://",
    "http://[::1",
    "://",
    "file:///etc/passwd",
    "x:y",
    "http://例え.jp/パス",
    "http://x/%zz",
    "\u{0}",
    "javascript:void(0)",
    "http://a b/",
    "HTTP://X/UPPER",
];

// ---------------------------------------------------------------------------------------------
// Strategies

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> + Clone {
    proptest::sample::select(list)
}

/// A run of words: vocabulary, random printable text, or random characters of any kind.
fn text() -> impl Strategy<Value = String> + Clone {
    let word = prop_oneof![
        6 => pick(WORDS).prop_map(str::to_string),
        2 => "[A-Za-z]{1,12}",
        1 => "\\PC{1,16}",
        1 => any::<String>(),
    ];
    (vec(word, 0..40), vec(pick(&[" ", " ", " ", "", "\n", "  ", "\t"]), 40)).prop_map(|(words, seps)| {
        let mut out = String::new();
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                out.push_str(seps[i % seps.len()]);
            }
            out.push_str(w);
        }
        out
    })
}

fn options() -> impl Strategy<Value = ExtractOptions> {
    let url = prop_oneof![
        2 => Just(None),
        2 => "[a-z0-9/._-]{0,30}".prop_map(|p| Some(format!("http://x/{p}"))),
        1 => pick(URLS).prop_map(|u| Some(u.to_string())),
        1 => "\\PC{0,20}".prop_map(Some),
    ];
    let title = prop_oneof![
        3 => Just(None),
        1 => pick(&["", " ", "\n"]).prop_map(|t| Some(t.to_string())),
        2 => text().prop_map(Some),
    ];
    let charset = prop_oneof![3 => Just(None), 1 => pick(CHARSETS).prop_map(|c| Some(c.to_string()))];
    (url, title, charset).prop_map(|(url, title, charset)| ExtractOptions { url, charset, title })
}

/// Random bytes, and byte soups stitched from pieces that steer the decoder (BOMs, NULs,
/// invalid UTF-8, legacy encodings, markup).
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    const PIECES: &[&[u8]] = &[
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\x00",
        b"\x00\x00\x00",
        b"\xc0\x80",
        b"\xed\xa0\x80",
        b"\xf8\x88\x80\x80\x80",
        b"\xff",
        b"\x80",
        b"\xe2\x82",
        b"\xf0\x9f\x9a",
        b"<html>",
        b"<head>",
        b"<body>",
        b"<p>",
        b"</p>",
        b"<div class=content>",
        b"<meta charset=",
        b"<meta charset=\"utf-16\">",
        b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">",
        b"<!DOCTYPE html>",
        b"<?xml version=\"1.0\" encoding=\"koi8-r\"?>",
        b"\xcf\xf0\xe8\xe2\xe5\xf2",
        b"\x82\xa0\x82\xa2",
        b"\x1b$B",
        b"The council voted on Tuesday to close the bridge.",
        b" ",
        b"\n",
        b"\r\n",
        b"\n\n",
        b"By Jane Doe",
        b"March 3, 2024",
        b"<script type=\"application/ld+json\">{\"@type\":",
        b"</script>",
        b"\x89PNG\r\n\x1a\n",
        b"PK\x03\x04",
        b"%PDF-1.4",
        b"\x1f\x8b\x08",
    ];
    prop_oneof![
        2 => vec(any::<u8>(), 0..4096),
        1 => vec(prop_oneof![any::<u8>(), Just(0u8), Just(b'<'), Just(b'\n'), 0x80u8..=0xff], 0..4096),
        3 => vec(prop_oneof![3 => proptest::sample::select(PIECES).prop_map(<[u8]>::to_vec),
                             1 => vec(any::<u8>(), 0..8)], 0..200)
            .prop_map(|pieces| pieces.concat().into_iter().take(4096).collect()),
    ]
}

#[derive(Debug, Clone)]
enum Node {
    Element { tag: &'static str, attrs: Vec<(&'static str, String)>, children: Vec<Node>, closed: bool },
    Text(String),
    Comment(String),
    JsonLd(String),
}

fn attr_value() -> impl Strategy<Value = String> + Clone {
    prop_oneof![4 => pick(ATTR_VALUES).prop_map(str::to_string), 1 => text()]
}

fn attrs() -> impl Strategy<Value = Vec<(&'static str, String)>> + Clone {
    vec((pick(ATTR_NAMES), attr_value()), 0..4)
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        3 => pick(JSON_STRINGS).prop_map(|s| Value::String(s.to_string())),
        2 => text().prop_map(Value::String),
    ];
    leaf.prop_recursive(8, 64, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            vec((pick(JSON_KEYS), inner), 0..8).prop_map(|kv| {
                serde_json::Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}

/// JSON-LD text: valid JSON, JSON cut short, or junk.
fn json_ld() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => json_value().prop_map(|v| v.to_string()),
        2 => (json_value(), any::<prop::sample::Index>()).prop_map(|(v, at)| {
            let s = v.to_string();
            let cut = at.index(s.len() + 1);
            let end = (0..=cut).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
            s[..end].to_string()
        }),
        1 => text(),
        1 => Just("[{\"@graph\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".to_string()),
    ]
}

/// A small bushy subtree (proptest's recursion keeps these shallow).
fn bushy() -> impl Strategy<Value = Node> + Clone {
    let leaf = prop_oneof![
        6 => text().prop_map(Node::Text),
        1 => text().prop_map(Node::Comment),
        1 => json_ld().prop_map(Node::JsonLd),
        2 => (pick(TAGS), attrs()).prop_map(|(tag, attrs)| Node::Element { tag, attrs, children: vec![], closed: true }),
    ];
    leaf.prop_recursive(5, 48, 4, |inner| {
        (pick(TAGS), attrs(), vec(inner, 0..5), prop::bool::weighted(0.9))
            .prop_map(|(tag, attrs, children, closed)| Node::Element { tag, attrs, children, closed })
    })
}

/// A tree of random depth up to `max_depth` plus a bushy subtree's: a spine of nested
/// elements, each with a few bushy siblings before and after the next level.
fn tree(max_depth: usize) -> impl Strategy<Value = Node> {
    let level = (pick(TAGS), attrs(), vec(bushy(), 0..3), vec(bushy(), 0..2), prop::bool::weighted(0.9));
    (vec(level, 0..max_depth), bushy()).prop_map(|(levels, innermost)| {
        levels.into_iter().fold(innermost, |inner, (tag, attrs, mut before, after, closed)| {
            before.push(inner);
            before.extend(after);
            Node::Element { tag, attrs, children: before, closed }
        })
    })
}

fn render(node: &Node, out: &mut String) {
    match node {
        Node::Text(t) => out.push_str(t),
        Node::Comment(t) => {
            out.push_str("<!--");
            out.push_str(t);
            out.push_str("-->");
        }
        Node::JsonLd(json) => {
            out.push_str("<script type=\"application/ld+json\">");
            out.push_str(json);
            out.push_str("</script>");
        }
        Node::Element { tag, attrs, children, closed } => {
            out.push('<');
            out.push_str(tag);
            for (i, (name, value)) in attrs.iter().enumerate() {
                // Double, single, unquoted and raw values (the last may break the tag).
                match i % 4 {
                    0 => out.push_str(&format!(" {name}=\"{}\"", value.replace('"', "&quot;"))),
                    1 => out.push_str(&format!(" {name}='{value}'")),
                    2 => out.push_str(&format!(" {name}={}", value.replace(char::is_whitespace, "_"))),
                    _ => out.push_str(&format!(" {name}={value}")),
                }
            }
            out.push('>');
            if VOID.contains(tag) {
                return;
            }
            for child in children {
                render(child, out);
            }
            if *closed {
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
            }
        }
    }
}

/// How a page's text becomes bytes for `extract`.
#[derive(Debug, Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16LeBom,
    Utf16BeBom,
    Utf16LeNoBom,
    /// Every char above U+00FF replaced, the rest written as single bytes (Latin-1).
    Latin1,
}

fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(),
        Encoding::Utf16LeBom => {
            [0xff, 0xfe].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()
        }
        Encoding::Utf16BeBom => {
            [0xfe, 0xff].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect()
        }
        Encoding::Utf16LeNoBom => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Encoding::Latin1 => text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect(),
    }
}

/// A whole page: what goes through `extract_html` and (encoded, perhaps cut) through `extract`.
#[derive(Debug, Clone)]
struct Page {
    html: String,
    bytes: Vec<u8>,
    options: ExtractOptions,
}

fn page() -> impl Strategy<Value = Page> {
    let head = (
        pick(&["<!DOCTYPE html>", "<!doctype html>\n", "", "<?xml version='1.0'?>", "<!doctype", "<html"]),
        prop::option::of(pick(CHARSETS)),
        prop::option::of(text()),
        vec(
            (
                pick(&[
                    "og:title",
                    "og:site_name",
                    "author",
                    "article:published_time",
                    "og:url",
                    "description",
                ]),
                attr_value(),
            ),
            0..4,
        ),
        vec(json_ld(), 0..3),
        prop::option::of(pick(&["en", "ru", "de", "zz", "", "en-GB"])),
    );
    let body = (
        vec(tree(30), 0..4),
        prop::bool::weighted(0.85),
        prop::option::weighted(0.15, any::<prop::sample::Index>()),
        proptest::sample::select(vec![
            Encoding::Utf8,
            Encoding::Utf8,
            Encoding::Utf8,
            Encoding::Utf8Bom,
            Encoding::Utf16LeBom,
            Encoding::Utf16BeBom,
            Encoding::Utf16LeNoBom,
            Encoding::Latin1,
        ]),
        options(),
    );
    (head, body).prop_map(
        |((doctype, charset, title, metas, scripts, lang), (nodes, wrap, cut, encoding, options))| {
            let mut html = String::from(doctype);
            if wrap {
                match lang {
                    Some(l) => html.push_str(&format!("<html lang=\"{l}\"><head>")),
                    None => html.push_str("<html><head>"),
                }
            }
            if let Some(c) = charset {
                html.push_str(&format!("<meta charset=\"{c}\">"));
            }
            if let Some(t) = title {
                html.push_str(&format!("<title>{t}</title>"));
            }
            for (property, content) in metas {
                html.push_str(&format!(
                    "<meta property=\"{property}\" name=\"{property}\" content=\"{content}\">"
                ));
            }
            for json in scripts {
                render(&Node::JsonLd(json), &mut html);
            }
            if wrap {
                html.push_str("</head><body>");
            }
            for node in &nodes {
                render(node, &mut html);
            }
            if wrap {
                html.push_str("</body></html>");
            }
            let mut bytes = encode(&html, encoding);
            if let Some(at) = cut {
                // Truncation at any byte: for `extract` as is, for `extract_html` decoded lossily.
                bytes.truncate(at.index(bytes.len() + 1));
                let end = (0..=at.index(html.len() + 1).min(html.len()))
                    .rev()
                    .find(|&i| html.is_char_boundary(i))
                    .unwrap_or(0);
                html.truncate(end);
            }
            Page { html, bytes, options }
        },
    )
}

/// A plain-text page: lines of words, ellipses, furniture, empty lines and very long lines.
fn text_page() -> impl Strategy<Value = (String, ExtractOptions)> {
    let line = prop_oneof![
        8 => text(),
        2 => Just(String::new()),
        1 => pick(&["Download our app", "Read more…", "Share this article", "Advertisement", "By Jane Doe | March 3, 2024", "…", "...", "   ", "\u{a0}", "Related:", "© 2024 The Daily"]).prop_map(str::to_string),
        1 => (text(), 1usize..100).prop_map(|(t, n)| t.repeat(n).chars().take(20_000).collect()),
        1 => (pick(WORDS), 1usize..2000).prop_map(|(w, n)| format!("{w} ").repeat(n)),
    ];
    let newline = pick(&["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\u{2028}", "\u{85}"]);
    (vec((line, newline), 0..80), options()).prop_map(|(lines, options)| {
        let mut page = String::new();
        for (line, nl) in lines {
            page.push_str(&line);
            page.push_str(nl);
        }
        // At most 100 kB, cut at a character boundary.
        let end = (0..=page.len().min(100_000)).rev().find(|&i| page.is_char_boundary(i)).unwrap_or(0);
        page.truncate(end);
        (page, options)
    })
}

// ---------------------------------------------------------------------------------------------
// Properties

#[test]
fn random_bytes_never_panic() {
    fuzz("bytes", cases(800, 1), bytes(), Vec::len, |bytes| {
        let options = ExtractOptions::default();
        let result = extract(bytes, &options);
        check_bytes_result(&result, &options)?;
        // The same bytes once more as (lossily decoded) text through both text extractors.
        let text = String::from_utf8_lossy(bytes);
        check_text_result(&text, &extract_html(&text, &options), &options, true)?;
        check_text_result(&text, &extract_text(&text, &options), &options, false)
    });
}

#[test]
fn random_html_trees_never_panic() {
    fuzz(
        "html",
        cases(150, 1),
        page(),
        |page| page.html.len(),
        |page| {
            let result = extract_html(&page.html, &page.options);
            check_text_result(&page.html, &result, &page.options, true)?;
            check_bytes_result(&extract(&page.bytes, &page.options), &page.options)
        },
    );
}

#[test]
fn deeply_nested_html_never_panics() {
    let strategy = (vec(pick(TAGS), 1..8), 0usize..4000, text(), prop::bool::ANY);
    fuzz(
        "deep",
        cases(10, 50),
        strategy,
        |(_, depth, _, _)| *depth,
        |(tags, depth, leaf, closed)| {
            let mut html = String::from("<!DOCTYPE html><html><body>");
            for i in 0..*depth {
                html.push_str(&format!("<{}>", tags[i % tags.len()]));
            }
            html.push_str(leaf);
            if *closed {
                for i in (0..*depth).rev() {
                    html.push_str(&format!("</{}>", tags[i % tags.len()]));
                }
            }
            let options = ExtractOptions::default();
            check_text_result(&html, &extract_html(&html, &options), &options, true)
        },
    );
}

#[test]
fn random_text_pages_never_panic() {
    fuzz(
        "text",
        cases(250, 1),
        text_page(),
        |(page, _)| page.len(),
        |(page, options)| {
            check_text_result(page, &extract_text(page, options), options, false)?;
            check_bytes_result(&extract(page.as_bytes(), options), options)
        },
    );
}
