//! The HTML5 element categories the tree builder consults (as `match`es, which compile to
//! a length switch instead of a scan of a list).

/// Elements a page's head holds; before any body content they go there.
#[rustfmt::skip]
pub(super) fn is_head_content(name: &str) -> bool {
    matches!(name, "base" | "basefont" | "bgsound" | "link" | "meta" | "title" | "noscript" | "noframes"
        | "style" | "script" | "template")
}

/// Elements without content or end tag.
#[rustfmt::skip]
pub(super) fn is_void(name: &str) -> bool {
    matches!(name, "area" | "base" | "basefont" | "bgsound" | "br" | "col" | "embed" | "hr" | "img"
        | "image" | "input" | "keygen" | "link" | "meta" | "param" | "source" | "track" | "wbr")
}

/// Starting one of these closes an open `<p>`.
#[rustfmt::skip]
pub(super) fn closes_p(name: &str) -> bool {
    matches!(name, "address" | "article" | "aside" | "blockquote" | "center" | "details" | "dialog"
        | "dir" | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer" | "form" | "h1" | "h2"
        | "h3" | "h4" | "h5" | "h6" | "header" | "hgroup" | "hr" | "li" | "dd" | "dt" | "listing"
        | "main" | "menu" | "nav" | "ol" | "p" | "plaintext" | "pre" | "search" | "section" | "summary"
        | "table" | "ul" | "xmp")
}

/// HTML5's "special" elements: an end tag for an inline element does not close them, and
/// they end the search for a list item to close.
#[rustfmt::skip]
pub(super) fn is_special(name: &str) -> bool {
    matches!(name, "address" | "applet" | "area" | "article" | "aside" | "base" | "basefont" | "bgsound"
        | "blockquote" | "body" | "br" | "button" | "caption" | "center" | "col" | "colgroup" | "dd"
        | "details" | "dialog" | "dir" | "div" | "dl" | "dt" | "embed" | "fieldset" | "figcaption"
        | "figure" | "footer" | "form" | "frame" | "frameset" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
        | "head" | "header" | "hgroup" | "hr" | "html" | "iframe" | "img" | "input" | "keygen" | "li"
        | "link" | "listing" | "main" | "marquee" | "menu" | "meta" | "nav" | "noembed" | "noframes"
        | "noscript" | "object" | "ol" | "p" | "param" | "plaintext" | "pre" | "script" | "search"
        | "section" | "select" | "source" | "style" | "summary" | "table" | "tbody" | "td" | "template"
        | "textarea" | "tfoot" | "th" | "thead" | "title" | "tr" | "track" | "ul" | "wbr" | "xmp")
}

pub(super) fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Elements an end tag does not look past for its element ("has an element in scope").
pub(super) fn bounds_scope(name: &str) -> bool {
    matches!(name, "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template")
}

pub(super) fn bounds_table_scope(name: &str) -> bool {
    matches!(name, "html" | "table" | "template")
}

pub(super) fn bounds_button_scope(name: &str) -> bool {
    bounds_scope(name) || name == "button"
}

pub(super) fn bounds_list_scope(name: &str) -> bool {
    bounds_scope(name) || matches!(name, "ol" | "ul")
}
