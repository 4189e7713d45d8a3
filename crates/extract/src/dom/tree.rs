//! The parsed page: an arena of nodes linked by index. Text and attribute values borrow the
//! page's source unless a character reference had to be decoded, so parsing allocates little.

use std::borrow::Cow;
use std::num::NonZeroU32;
use std::ops::Range;

/// A node's place in its [`Dom`]. Ids grow in document order (the builder creates nodes in
/// the order their tags appear), which the extractor relies on to sort blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(NonZeroU32);

impl NodeId {
    fn index(self) -> usize {
        self.0.get() as usize - 1
    }

    fn from_index(index: usize) -> NodeId {
        // A page's node count is bounded by its length, and pages are far below 4 GiB.
        let raw = u32::try_from(index + 1).unwrap_or(u32::MAX);
        NodeId(NonZeroU32::new(raw).unwrap_or(NonZeroU32::MAX))
    }
}

#[derive(Debug)]
pub(super) enum Kind<'s> {
    Document,
    /// A lowercase tag name and a range of [`Dom::attrs`].
    Element {
        name: Cow<'s, str>,
        attrs: Range<u32>,
    },
    Text(Cow<'s, str>),
    Comment,
}

#[derive(Debug)]
pub(super) struct NodeData<'s> {
    pub(super) parent: Option<NodeId>,
    pub(super) first_child: Option<NodeId>,
    pub(super) last_child: Option<NodeId>,
    pub(super) prev_sibling: Option<NodeId>,
    pub(super) next_sibling: Option<NodeId>,
    pub(super) kind: Kind<'s>,
}

/// A parsed HTML document.
#[derive(Debug)]
pub struct Dom<'s> {
    pub(super) nodes: Vec<NodeData<'s>>,
    /// Every element's attributes (lowercase name, decoded value), one range per element.
    pub(super) attrs: Vec<(Cow<'s, str>, Cow<'s, str>)>,
}

impl<'s> Dom<'s> {
    pub(super) fn with_root() -> Dom<'s> {
        let mut dom = Dom { nodes: Vec::new(), attrs: Vec::new() };
        dom.push(Kind::Document);
        dom
    }

    /// Adds a detached node.
    pub(super) fn push(&mut self, kind: Kind<'s>) -> NodeId {
        let id = NodeId::from_index(self.nodes.len());
        self.nodes.push(NodeData {
            parent: None,
            first_child: None,
            last_child: None,
            prev_sibling: None,
            next_sibling: None,
            kind,
        });
        id
    }

    pub(super) fn data(&self, id: NodeId) -> &NodeData<'s> {
        &self.nodes[id.index()]
    }

    pub(super) fn data_mut(&mut self, id: NodeId) -> &mut NodeData<'s> {
        &mut self.nodes[id.index()]
    }

    /// Makes the detached node `child` the last child of `parent`.
    pub(super) fn append(&mut self, parent: NodeId, child: NodeId) {
        let last = self.data(parent).last_child;
        {
            let c = self.data_mut(child);
            c.parent = Some(parent);
            c.prev_sibling = last;
        }
        match last {
            Some(last) => self.data_mut(last).next_sibling = Some(child),
            None => self.data_mut(parent).first_child = Some(child),
        }
        self.data_mut(parent).last_child = Some(child);
    }

    /// The document node, parent of `<html>`.
    pub fn root(&self) -> NodeRef<'_> {
        NodeRef { dom: self, id: NodeId::from_index(0) }
    }

    pub fn get(&self, id: NodeId) -> Option<NodeRef<'_>> {
        (id.index() < self.nodes.len()).then_some(NodeRef { dom: self, id })
    }
}

/// What a node is, borrowed from its [`Dom`].
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    Document,
    Element(Element<'a>),
    Text(&'a str),
    Comment,
}

/// An element: its tag name and attributes.
#[derive(Debug, Clone, Copy)]
pub struct Element<'a> {
    name: &'a str,
    attrs: &'a [(Cow<'a, str>, Cow<'a, str>)],
}

impl<'a> Element<'a> {
    /// The lowercase tag name.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The value of the attribute `name` (lowercase), when present.
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| &**v)
    }
}

/// A node and the document it belongs to; cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct NodeRef<'a> {
    dom: &'a Dom<'a>,
    id: NodeId,
}

impl<'a> NodeRef<'a> {
    pub fn id(self) -> NodeId {
        self.id
    }

    pub fn tree(self) -> &'a Dom<'a> {
        self.dom
    }

    pub fn value(self) -> Node<'a> {
        match &self.dom.data(self.id).kind {
            Kind::Document => Node::Document,
            Kind::Element { name, attrs } => Node::Element(Element {
                name,
                attrs: &self.dom.attrs[attrs.start as usize..attrs.end as usize],
            }),
            Kind::Text(text) => Node::Text(text),
            Kind::Comment => Node::Comment,
        }
    }

    fn link(self, pick: impl Fn(&NodeData<'a>) -> Option<NodeId>) -> Option<NodeRef<'a>> {
        pick(self.dom.data(self.id)).map(|id| NodeRef { dom: self.dom, id })
    }

    pub fn parent(self) -> Option<NodeRef<'a>> {
        self.link(|d| d.parent)
    }

    pub fn first_child(self) -> Option<NodeRef<'a>> {
        self.link(|d| d.first_child)
    }

    pub fn next_sibling(self) -> Option<NodeRef<'a>> {
        self.link(|d| d.next_sibling)
    }

    pub fn prev_sibling(self) -> Option<NodeRef<'a>> {
        self.link(|d| d.prev_sibling)
    }

    /// The node's children, first to last.
    pub fn children(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.first_child(), |n| n.next_sibling())
    }

    /// The node's parent, its parent's parent, and so on up to the document.
    pub fn ancestors(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.parent(), |n| n.parent())
    }
}
