//! The tree builder: nests tokens into a [`Dom`] with the HTML5 rules that decide where
//! elements end when pages leave that implicit (`<p>` closed by a block, `<li>` by the next
//! `<li>`, table cells and rows, void elements, stray and missing end tags) and where the
//! head ends. Left out, because they move little text: re-opening formatting elements after a
//! block closes them (the adoption agency), and moving stray content out of tables.

use std::borrow::Cow;

use super::tags::{
    bounds_button_scope, bounds_list_scope, bounds_scope, bounds_table_scope, closes_p, is_head_content,
    is_heading, is_special, is_void,
};
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

    /// Pops open elements up to and including the innermost one `target` picks.
    fn pop_until(&mut self, target: impl Fn(&str) -> bool) {
        while self.open.len() > 1 {
            let done = target(self.name(self.current()));
            self.pop();
            if done {
                break;
            }
        }
    }

    /// Whether an element `target` picks is open, not behind an element `bounds` picks.
    fn in_scope(&self, target: impl Fn(&str) -> bool, bounds: fn(&str) -> bool) -> bool {
        for id in self.open.iter().rev() {
            let name = self.name(*id);
            if target(name) {
                return true;
            }
            if bounds(name) {
                return false;
            }
        }
        false
    }

    fn close_p(&mut self) {
        if self.in_scope(|n| n == "p", bounds_button_scope) {
            self.pop_until(|n| n == "p");
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
        if closes_p(name) {
            self.close_p();
        }
        match name {
            _ if is_heading(name) && is_heading(self.name(self.current())) => self.pop(),
            "option" | "optgroup" if self.current_is(&["option"]) => self.pop(),
            "optgroup" if self.current_is(&["optgroup"]) => self.pop(),
            "a" | "button" | "nobr" if self.in_scope(|n| n == name, bounds_scope) => {
                self.pop_until(|n| n == name)
            }
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
            if is_special(name) && !matches!(name, "address" | "div" | "p") {
                return;
            }
        }
    }

    /// Table parts: rows and cells close the open ones and get the row and section HTML5
    /// implies. Returns false when no table is open, and the tag is dropped.
    fn table_part(&mut self, name: &str) -> bool {
        if !self.in_scope(|n| n == "table", bounds_table_scope) {
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
        if self.in_head && !is_head_content(&name) {
            self.leave_head();
        }
        let table_part = matches!(&*name, "tr" | "td" | "th" | "caption" | "colgroup" | "col")
            || matches!(&*name, "tbody" | "thead" | "tfoot");
        if table_part && !self.table_part(&name) {
            return;
        }
        if name == "image" {
            return self.insert(Cow::Borrowed("img"), attrs, false);
        }
        self.close_implied(&name);
        let open =
            !is_void(&name) && !(self_closing && (self.foreign > 0 || name == "svg" || name == "math"));
        self.insert(name, attrs, open);
    }

    fn end(&mut self, name: &str) {
        match name {
            "html" | "body" | "head" => {}
            "p" => {
                if !self.in_scope(|n| n == "p", bounds_button_scope) {
                    // A stray `</p>` stands for an empty paragraph, as in a browser.
                    self.insert(Cow::Borrowed("p"), &mut Vec::new(), true);
                }
                self.pop_until(|n| n == "p");
            }
            "br" => self.insert(Cow::Borrowed("br"), &mut Vec::new(), false),
            "li" => {
                if self.in_scope(|n| n == "li", bounds_list_scope) {
                    self.pop_until(|n| n == "li");
                }
            }
            _ if is_heading(name) => {
                if self.in_scope(is_heading, bounds_scope) {
                    self.pop_until(is_heading);
                }
            }
            _ if is_special(name) => {
                let scope = if matches!(name, "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th") {
                    bounds_table_scope
                } else {
                    bounds_scope
                };
                if self.in_scope(|n| n == name, scope) {
                    self.pop_until(|n| n == name);
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
                    if is_special(open) {
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

#[cfg(test)]
mod tests;
