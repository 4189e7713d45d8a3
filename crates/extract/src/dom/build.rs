//! The tree builder: nests tokens into a [`Dom`] with the HTML5 rules that decide where
//! elements end when pages leave that implicit (`<p>` closed by a block, `<li>` by the next
//! `<li>`, table cells and rows, void elements, stray and missing end tags) and where the
//! head ends. Left out, because they move little text: re-opening formatting elements after a
//! block closes them (the adoption agency), and moving stray content out of tables.

use std::borrow::Cow;

use super::tokenize::{Sink, tokenize};
use super::tree::{Dom, Kind, NodeId};

/// Parses a whole page.
pub fn parse(src: &str) -> Dom<'_> {
    let mut dom = Dom::with_root();
    let html = element(&mut dom, "html");
    dom.append(dom.root().id(), html);
    let head = element(&mut dom, "head");
    dom.append(html, head);
    let body = element(&mut dom, "body");
    dom.append(html, body);
    let mut builder = Builder { dom, open: vec![html, head], in_head: true, html, head, body, foreign: 0 };
    tokenize(src, &mut builder);
    builder.dom
}

fn element<'s>(dom: &mut Dom<'s>, name: &'static str) -> NodeId {
    let at = attr_index(dom);
    dom.push(Kind::Element { name: Cow::Borrowed(name), attrs: at..at })
}

fn attr_index(dom: &Dom<'_>) -> u32 {
    u32::try_from(dom.attrs.len()).unwrap_or(u32::MAX)
}

/// Elements a page's head holds; before any body content they go there.
const HEAD_CONTENT: &[&str] = &[
    "base", "basefont", "bgsound", "link", "meta", "title", "noscript", "noframes", "style", "script",
    "template",
];

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "hr", "img", "image", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];

/// Starting one of these closes an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "dd",
    "dt",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "ul",
    "xmp",
];

/// HTML5's "special" elements: an end tag for an inline element does not close them.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

/// Elements an end tag does not look past for its element ("in scope").
const SCOPE: &[&str] = &["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"];
const TABLE_SCOPE: &[&str] = &["html", "table", "template"];
const BUTTON_SCOPE: &[&str] =
    &["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button"];
const LIST_SCOPE: &[&str] =
    &["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "ol", "ul"];
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
const TABLE_SECTIONS: &[&str] = &["tbody", "thead", "tfoot"];

struct Builder<'s> {
    dom: Dom<'s>,
    /// Open elements, outermost first.
    open: Vec<NodeId>,
    /// No body content seen yet.
    in_head: bool,
    html: NodeId,
    head: NodeId,
    body: NodeId,
    /// Open `<svg>` and `<math>` elements, inside which `/>` closes any element.
    foreign: usize,
}

impl<'s> Builder<'s> {
    fn name(&self, id: NodeId) -> &str {
        match &self.dom.data(id).kind {
            Kind::Element { name, .. } => name,
            _ => "",
        }
    }

    fn current(&self) -> NodeId {
        self.open.last().copied().unwrap_or(self.body)
    }

    fn current_is(&self, names: &[&str]) -> bool {
        names.contains(&self.name(self.current()))
    }

    fn leave_head(&mut self) {
        if self.in_head {
            self.in_head = false;
            self.open = vec![self.html, self.body];
        }
    }

    fn pop(&mut self) {
        if self.open.len() <= 1 {
            return;
        }
        if let Some(id) = self.open.pop()
            && matches!(self.name(id), "svg" | "math")
        {
            self.foreign = self.foreign.saturating_sub(1);
        }
    }

    /// Pops open elements up to and including the innermost one named in `names`.
    fn pop_until(&mut self, names: &[&str]) {
        while self.open.len() > 1 {
            let done = self.current_is(names);
            self.pop();
            if done {
                break;
            }
        }
    }

    /// Whether an element named in `names` is open, not behind an element of `scope`.
    fn in_scope(&self, names: &[&str], scope: &[&str]) -> bool {
        for id in self.open.iter().rev() {
            let name = self.name(*id);
            if names.contains(&name) {
                return true;
            }
            if scope.contains(&name) {
                return false;
            }
        }
        false
    }

    fn close_p(&mut self) {
        if self.in_scope(&["p"], BUTTON_SCOPE) {
            self.pop_until(&["p"]);
        }
    }

    /// Adds an element under the current node; opens it unless it is void.
    fn insert(&mut self, name: Cow<'s, str>, attrs: &mut Vec<(Cow<'s, str>, Cow<'s, str>)>, open: bool) {
        let start = attr_index(&self.dom);
        self.dom.attrs.append(attrs);
        let is_foreign = matches!(&*name, "svg" | "math");
        let id = self.dom.push(Kind::Element { name, attrs: start..attr_index(&self.dom) });
        self.dom.append(self.current(), id);
        if open {
            self.open.push(id);
            self.foreign += usize::from(is_foreign);
        }
    }

    /// Copies attributes of a repeated `<html>` or `<body>` tag onto the element, keeping
    /// those it has. Only the first such tag can add any: the element's range must be last.
    fn merge_attrs(&mut self, id: NodeId, attrs: &mut Vec<(Cow<'s, str>, Cow<'s, str>)>) {
        let start = attr_index(&self.dom);
        let has_none =
            matches!(&self.dom.data(id).kind, Kind::Element { attrs, .. } if attrs.start == attrs.end);
        if !has_none {
            return;
        }
        self.dom.attrs.append(attrs);
        let end = attr_index(&self.dom);
        if let Kind::Element { attrs: range, .. } = &mut self.dom.data_mut(id).kind {
            *range = start..end;
        }
    }

    /// Closes what a new element ends implicitly.
    fn close_implied(&mut self, name: &str) {
        match name {
            "li" => self.close_list_item(&["li"]),
            "dd" | "dt" => self.close_list_item(&["dd", "dt"]),
            _ => {}
        }
        if CLOSES_P.contains(&name) {
            self.close_p();
        }
        match name {
            _ if HEADINGS.contains(&name) && self.current_is(HEADINGS) => self.pop(),
            "option" | "optgroup" if self.current_is(&["option"]) => self.pop(),
            "optgroup" if self.current_is(&["optgroup"]) => self.pop(),
            "a" | "button" | "nobr" if self.in_scope(&[name], SCOPE) => self.pop_until(&[name]),
            _ => {}
        }
    }

    /// Closes an open list item of `names`, unless a block other than address, div or p lies
    /// between (a nested list).
    fn close_list_item(&mut self, names: &[&str]) {
        for i in (0..self.open.len()).rev() {
            let name = self.name(self.open[i]);
            if names.contains(&name) {
                while self.open.len() > i {
                    self.pop();
                }
                return;
            }
            if SPECIAL.contains(&name) && !matches!(name, "address" | "div" | "p") {
                return;
            }
        }
    }

    /// Table parts: rows and cells close the open ones and get the row and section HTML5
    /// implies. Returns false when no table is open, and the tag is dropped.
    fn table_part(&mut self, name: &str) -> bool {
        if !self.in_scope(&["table"], TABLE_SCOPE) {
            return false;
        }
        match name {
            "td" | "th" | "tr" => {
                let row_context = if name == "tr" {
                    &["tbody", "thead", "tfoot", "table", "template"][..]
                } else {
                    &["tr", "table", "template"]
                };
                while !self.current_is(row_context) && self.open.len() > 1 {
                    self.pop();
                }
                if self.current_is(&["table"]) {
                    self.insert(Cow::Borrowed("tbody"), &mut Vec::new(), true);
                }
                if name != "tr" && !self.current_is(&["tr"]) {
                    self.insert(Cow::Borrowed("tr"), &mut Vec::new(), true);
                }
            }
            _ => {
                while !self.current_is(&["table", "template"]) && self.open.len() > 1 {
                    self.pop();
                }
            }
        }
        true
    }
}

impl<'s> Sink<'s> for Builder<'s> {
    fn text(&mut self, text: Cow<'s, str>) {
        if self.in_head {
            if text.trim_ascii().is_empty() && self.current() == self.head {
                return;
            }
            if self.current() == self.head {
                self.leave_head();
            }
        }
        let parent = self.current();
        if let Some(last) = self.dom.data(parent).last_child
            && let Kind::Text(previous) = &mut self.dom.data_mut(last).kind
        {
            // Adjacent text (around a dropped tag) is one node, as in a browser.
            previous.to_mut().push_str(&text);
            return;
        }
        let id = self.dom.push(Kind::Text(text));
        self.dom.append(parent, id);
    }

    fn start(
        &mut self,
        name: Cow<'s, str>,
        attrs: &mut Vec<(Cow<'s, str>, Cow<'s, str>)>,
        self_closing: bool,
    ) {
        match &*name {
            "html" => return self.merge_attrs(self.html, attrs),
            "head" => return,
            "body" => {
                self.leave_head();
                return self.merge_attrs(self.body, attrs);
            }
            _ => {}
        }
        if self.in_head && !HEAD_CONTENT.contains(&&*name) {
            self.leave_head();
        }
        let table_part = matches!(&*name, "tr" | "td" | "th" | "caption" | "colgroup" | "col")
            || TABLE_SECTIONS.contains(&&*name);
        if table_part && !self.table_part(&name) {
            return;
        }
        if name == "image" {
            return self.insert(Cow::Borrowed("img"), attrs, false);
        }
        self.close_implied(&name);
        let open = !VOID.contains(&&*name)
            && !(self_closing && (self.foreign > 0 || name == "svg" || name == "math"));
        self.insert(name, attrs, open);
    }

    fn end(&mut self, name: &str) {
        match name {
            "html" | "body" | "head" => {}
            "p" => {
                if !self.in_scope(&["p"], BUTTON_SCOPE) {
                    // A stray `</p>` stands for an empty paragraph, as in a browser.
                    self.insert(Cow::Borrowed("p"), &mut Vec::new(), true);
                }
                self.pop_until(&["p"]);
            }
            "br" => self.insert(Cow::Borrowed("br"), &mut Vec::new(), false),
            "li" => {
                if self.in_scope(&["li"], LIST_SCOPE) {
                    self.pop_until(&["li"]);
                }
            }
            _ if HEADINGS.contains(&name) => {
                if self.in_scope(HEADINGS, SCOPE) {
                    self.pop_until(HEADINGS);
                }
            }
            _ if SPECIAL.contains(&name) => {
                let scope = if matches!(name, "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th") {
                    TABLE_SCOPE
                } else {
                    SCOPE
                };
                if self.in_scope(&[name], scope) {
                    self.pop_until(&[name]);
                }
            }
            // Any other element closes if open above the innermost special element.
            _ => {
                for i in (0..self.open.len()).rev() {
                    let open = self.name(self.open[i]);
                    if open == name {
                        while self.open.len() > i {
                            self.pop();
                        }
                        return;
                    }
                    if SPECIAL.contains(&open) {
                        return;
                    }
                }
            }
        }
    }

    fn comment(&mut self) {
        let id = self.dom.push(Kind::Comment);
        self.dom.append(self.current(), id);
    }
}
