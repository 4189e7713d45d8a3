//! How the HTML extractor picks the article body out of real-world page layouts.

use newsgraph_extract::{ExtractOptions, extract_html};

const P1: &str = "Following the new laptop, the company plans to release a smaller model with a new keyboard, according to industry sources cited by a trade publication.";
const P2: &str = "The report claims the display size will remain the same, although given the source, we would not completely rule out hopes of a larger display.";
const P3: &str = "The new keyboard is largely based on the standalone accessory, and given the tried-and-tested design, it should prove far more reliable than before.";

fn body(html: &str) -> Vec<String> {
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Laptop news</title></head><body>{html}</body></html>"
    );
    extract_html(&page, &ExtractOptions::default()).expect("an article").paragraphs
}

fn long_comment(n: usize) -> String {
    format!(
        "<div class=\"comment\"><div class=\"content\">Comment {n}: I agree, but it begs the question, who was in charge of the company, the designer or the chief executive, and why did it take them so long, given all the complaints, the repair programme, and the lawsuits?</div></div>"
    )
}

#[test]
fn text_separated_by_breaks_beats_the_comments_below_it() {
    let comments: String = (0..8).map(long_comment).collect();
    let html = format!(
        "<div class=\"article\"><h1>Laptop news</h1><div class=\"content\">{P1}<br><br>{P2}<br> <br>{P3}\
         <div class=\"linkback\">Tag: <a href=\"/t\">laptops</a></div></div></div>\
         <div class=\"comments\">{comments}</div>"
    );
    let paragraphs = body(&html);
    assert_eq!(paragraphs, [P1, P2, P3]);
}

#[test]
fn article_chunks_split_by_an_ad_are_joined() {
    let html = format!(
        "<article><div class=\"chunks\">\
           <div class=\"grid\"><div class=\"body__container\"><p>{P1}</p><p>{P2}</p></div><div class=\"rail\"></div></div>\
           <div class=\"ad\">Advertisement</div>\
           <div class=\"grid\"><div class=\"body__container\"><p>{P3}</p></div><div class=\"rail\"></div></div>\
         </div></article>"
    );
    assert_eq!(body(&html), [P1, P2, P3]);
}

#[test]
fn captions_written_as_divs_are_not_body() {
    let html = format!(
        "<div class=\"story\"><p>{P1}</p><div class=\"image-caption\">A cross-section of the new keyboard, showing the scissor switches under each key cap.</div>\
         <p>{P2}</p><p class=\"photo-credit\">Photo: a long credit line for the agency that took the picture of the keyboard.</p><p>{P3}</p></div>"
    );
    assert_eq!(body(&html), [P1, P2, P3]);
}

#[test]
fn feature_flags_on_the_body_element_do_not_hide_the_page() {
    let page = format!(
        "<html><head><title>Laptop news</title></head><body class=\"f_caption_muted_videos_on\"><div class=\"post\"><p>{P1}</p><p>{P2}</p></div></body></html>"
    );
    let article = extract_html(&page, &ExtractOptions::default()).expect("an article");
    assert_eq!(article.paragraphs, [P1, P2]);
}
