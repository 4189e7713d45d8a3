//! What the hand-written readers (OPML, sitemaps) share over quick-xml: text of an element
//! with its references resolved, attribute values, and errors that say where the XML broke.

use quick_xml::Reader;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};

use crate::error::FeedsError;

/// A well-formedness error at the reader's position.
pub(crate) fn xml_error(reader: &Reader<&[u8]>, message: impl ToString) -> FeedsError {
    FeedsError::Xml { position: reader.error_position(), message: message.to_string() }
}

/// An element's local name (namespace prefix dropped), lower-cased: sitemap and OPML writers
/// disagree on prefixes and case.
pub(crate) fn local_name(element: &BytesStart<'_>) -> String {
    element.local_name().as_ref().to_ascii_lowercase()
}

/// The value of the attribute whose local name is `name` (ASCII case-insensitive), unescaped.
pub(crate) fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element.attributes().flatten().find(|attribute| attribute_named(attribute, name)).and_then(|attribute| {
        attribute.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|value| value.into_owned())
    })
}

fn attribute_named(attribute: &Attribute<'_>, name: &str) -> bool {
    attribute.key.local_name().as_ref().eq_ignore_ascii_case(name)
}

/// Appends the character data an event carries (text, CDATA, a character or entity reference).
pub(crate) fn push_text(event: &Event<'_>, text: &mut String) {
    match event {
        Event::Text(content) => text.push_str(&content.xml10_content()),
        Event::CData(content) => text.push_str(&content.xml10_content()),
        Event::GeneralRef(reference) => match reference.resolve_char_ref() {
            Ok(Some(character)) => text.push(character),
            _ => match quick_xml::escape::resolve_predefined_entity(reference) {
                Some(resolved) => text.push_str(resolved),
                // An undeclared entity: keep it as written rather than lose the text around it.
                None => {
                    text.push('&');
                    text.push_str(reference);
                    text.push(';');
                }
            },
        },
        _ => {}
    }
}

/// Reads events until the end of the document, failing on malformed XML and on a document
/// that stops with elements still open (quick-xml reports a clean end of file for those).
pub(crate) fn for_each_event(
    text: &str,
    mut handle: impl FnMut(&Event<'_>, &Reader<&[u8]>) -> Result<(), FeedsError>,
) -> Result<(), FeedsError> {
    let mut reader = Reader::from_str(text);
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|error| xml_error(&reader, error))?;
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof if depth > 0 => return Err(xml_error(&reader, "the document ends inside an element")),
            Event::Eof => return Ok(()),
            _ => {}
        }
        handle(&event, &reader)?;
    }
}
