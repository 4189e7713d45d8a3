//! A JSON Schema (2020-12) validator for the subset the API's OpenAPI document uses, written
//! here rather than taken from the `jsonschema` crate: that crate, even without its default
//! features, brings a regex engine, a reference resolver and a dozen more crates to build
//! for what is some 200 lines over `serde_json::Value`.
//!
//! It knows `$ref` (to a JSON pointer in the same document), `type` (one or a list),
//! `properties`, `required`, `additionalProperties`, `items`, `minItems`, `maxItems`, `enum`,
//! `const`, `minimum`, `maximum`, `minLength`, `maxLength`, `allOf`, `anyOf`, `oneOf` and the
//! formats `date`, `date-time` and `int64` (asserted, not mere annotations). Any other keyword
//! panics, so the document cannot use one that would silently be ignored.
//!
//! It also records what a successful validation went through (each `$ref` followed, each
//! property seen present), so the tests can require that their answers reached every part of
//! the document: a documented field the code never sends is caught as well as an extra one.

use std::cell::RefCell;
use std::collections::BTreeSet;

use serde_json::Value;

/// Keywords that only describe; they never fail a value.
const ANNOTATIONS: [&str; 8] =
    ["description", "title", "default", "example", "examples", "deprecated", "readOnly", "$comment"];

/// What validations that passed went through.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    /// The `$ref`s followed, as written (`#/components/schemas/Article`).
    pub refs: BTreeSet<String>,
    /// (pointer to an object schema, property name) for each property present in a value.
    pub properties: BTreeSet<(String, String)>,
}

impl Seen {
    fn extend(&mut self, other: Seen) {
        self.refs.extend(other.refs);
        self.properties.extend(other.properties);
    }
}

pub struct Validator<'d> {
    root: &'d Value,
    seen: RefCell<Seen>,
}

impl<'d> Validator<'d> {
    pub fn new(root: &'d Value) -> Self {
        Validator { root, seen: RefCell::new(Seen::default()) }
    }

    /// Validates `value` against the schema at `pointer` (`#/...`); every failure, each with
    /// where in the value it is.
    pub fn validate(&self, pointer: &str, value: &Value) -> Result<(), Vec<String>> {
        let schema = self.resolve(pointer);
        let mut seen = Seen::default();
        let mut errors = Vec::new();
        self.check(pointer, schema, value, "$", &mut seen, &mut errors);
        if errors.is_empty() {
            self.seen.borrow_mut().extend(seen);
            Ok(())
        } else {
            Err(errors)
        }
    }

    pub fn seen(&self) -> Seen {
        self.seen.borrow().clone()
    }

    /// The value a local reference points at; a reference that leads nowhere is a broken
    /// document, not a failed value, so it panics.
    pub fn resolve(&self, reference: &str) -> &'d Value {
        let pointer = reference
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("only references into the document are used, not {reference:?}"));
        self.root.pointer(pointer).unwrap_or_else(|| panic!("{reference:?} points at nothing"))
    }

    /// Checks `value` (at `path` in the answer) against `schema` (at `at` in the document).
    fn check(
        &self,
        at: &str,
        schema: &Value,
        value: &Value,
        path: &str,
        seen: &mut Seen,
        errors: &mut Vec<String>,
    ) {
        let schema = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => return errors.push(format!("{path}: nothing is allowed here")),
            Value::Object(map) => map,
            other => panic!("{at}: a schema is an object or a boolean, not {other}"),
        };
        // Messages about this value itself; those about what it holds come from `nested`.
        let mut own: Vec<String> = Vec::new();
        let mut nested: Vec<(String, &Value, &Value, String)> = Vec::new();
        for (keyword, arg) in schema {
            let here = format!("{at}/{}", escape(keyword));
            match keyword.as_str() {
                k if ANNOTATIONS.contains(&k) => {}
                // Read with `properties`.
                "required" | "additionalProperties" => {}
                "$ref" => {
                    let reference = arg.as_str().expect("$ref is a string");
                    let target = self.resolve(reference);
                    let mut inner = Seen::default();
                    let before = errors.len();
                    self.check(reference, target, value, path, &mut inner, errors);
                    if errors.len() == before {
                        inner.refs.insert(reference.to_owned());
                        seen.extend(inner);
                    }
                }
                "type" => {
                    let types: Vec<&str> = match arg {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().map(|t| t.as_str().expect("type names")).collect(),
                        other => panic!("{here}: bad type {other}"),
                    };
                    if !types.iter().any(|t| is_type(value, t)) {
                        own.push(format!("{} is not of type {}", short(value), types.join(" or ")));
                    }
                }
                "enum" => {
                    let options = arg.as_array().expect("enum is a list");
                    if !options.contains(value) {
                        own.push(format!("{} is none of {arg}", short(value)));
                    }
                }
                "const" => {
                    if value != arg {
                        own.push(format!("{} is not {arg}", short(value)));
                    }
                }
                "minimum" | "maximum" => {
                    let bound = arg.as_f64().expect("a numeric bound");
                    if let Some(n) = value.as_f64() {
                        let out = if keyword == "minimum" { n < bound } else { n > bound };
                        if out {
                            own.push(format!("{n} is past the {keyword} {bound}"));
                        }
                    }
                }
                "minLength" | "maxLength" => {
                    let bound = arg.as_u64().expect("a length") as usize;
                    if let Some(text) = value.as_str() {
                        let n = text.chars().count();
                        if (keyword == "minLength" && n < bound) || (keyword == "maxLength" && n > bound) {
                            own.push(format!("{n} characters is past the {keyword} {bound}"));
                        }
                    }
                }
                "minItems" | "maxItems" => {
                    let bound = arg.as_u64().expect("a count") as usize;
                    if let Some(items) = value.as_array() {
                        let n = items.len();
                        if (keyword == "minItems" && n < bound) || (keyword == "maxItems" && n > bound) {
                            own.push(format!("{n} items is past the {keyword} {bound}"));
                        }
                    }
                }
                "format" => {
                    let format = arg.as_str().expect("format is a string");
                    if !has_format(value, format) {
                        own.push(format!("{} is not a {format}", short(value)));
                    }
                }
                "items" => {
                    if let Some(items) = value.as_array() {
                        for (i, item) in items.iter().enumerate() {
                            nested.push((here.clone(), arg, item, format!("{path}[{i}]")));
                        }
                    }
                }
                "properties" => {
                    let properties = arg.as_object().expect("properties is an object");
                    if let Some(object) = value.as_object() {
                        for (name, property) in properties {
                            if let Some(v) = object.get(name) {
                                seen.properties.insert((at.to_owned(), name.clone()));
                                let at = format!("{here}/{}", escape(name));
                                nested.push((at, property, v, format!("{path}.{name}")));
                            }
                        }
                    }
                }
                "allOf" | "anyOf" | "oneOf" => {
                    let branches = arg.as_array().expect("a list of schemas");
                    let mut passed = 0;
                    let mut failures = Vec::new();
                    for (i, branch) in branches.iter().enumerate() {
                        let mut inner = Seen::default();
                        let mut branch_errors = Vec::new();
                        self.check(
                            &format!("{here}/{i}"),
                            branch,
                            value,
                            path,
                            &mut inner,
                            &mut branch_errors,
                        );
                        if branch_errors.is_empty() {
                            passed += 1;
                            seen.extend(inner);
                        } else {
                            failures.extend(branch_errors);
                        }
                    }
                    let ok = match keyword.as_str() {
                        "allOf" => passed == branches.len(),
                        "anyOf" => passed >= 1,
                        _ => passed == 1,
                    };
                    if !ok {
                        own.push(format!(
                            "{passed} of {} branches of {keyword} match: {}",
                            branches.len(),
                            failures.join("; ")
                        ));
                    }
                }
                other => panic!("{here}: the test's validator does not know the keyword {other:?}"),
            }
        }
        if let Some(object) = value.as_object() {
            for name in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
                let name = name.as_str().expect("required names");
                if !object.contains_key(name) {
                    own.push(format!("the required {name:?} is missing"));
                }
            }
            let known = schema.get("properties").and_then(Value::as_object);
            let extra = object.iter().filter(|(name, _)| !known.is_some_and(|k| k.contains_key(*name)));
            match schema.get("additionalProperties") {
                None | Some(Value::Bool(true)) => {}
                Some(Value::Bool(false)) => {
                    for (name, _) in extra {
                        own.push(format!("{name:?} is not documented here"));
                    }
                }
                Some(more) => {
                    for (name, v) in extra {
                        let at = format!("{at}/additionalProperties");
                        nested.push((at, more, v, format!("{path}.{name}")));
                    }
                }
            }
        }
        errors.extend(own.into_iter().map(|message| format!("{path}: {message}")));
        for (at, schema, value, path) in nested {
            self.check(&at, schema, value, &path, seen, errors);
        }
    }
}

/// A JSON pointer's escaping of one name (`/` in `application/json`).
pub fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

fn is_type(value: &Value, name: &str) -> bool {
    match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        // JSON Schema's integer is any number without a fraction, 1.0 included.
        "integer" => value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|n| n.fract() == 0.0),
        "array" => value.is_array(),
        "object" => value.is_object(),
        other => panic!("no JSON type {other:?}"),
    }
}

/// Formats apply to the values of their type only (a date-time format on a null passes).
fn has_format(value: &Value, format: &str) -> bool {
    match format {
        "date-time" => value.as_str().is_none_or(|t| chrono::DateTime::parse_from_rfc3339(t).is_ok()),
        "date" => value
            .as_str()
            .is_none_or(|t| t.len() == 10 && chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok()),
        "int64" => !value.is_number() || value.is_i64(),
        other => panic!("the test's validator does not know the format {other:?}"),
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn document() -> Value {
        json!({"components": {"schemas": {
            "Id": {"type": "integer", "format": "int64", "minimum": 1},
            "Piece": {
                "type": "object",
                "required": ["text", "start"],
                "properties": {"text": {"type": "string", "minLength": 1}, "start": {"$ref": "#/components/schemas/Id"},
                    "note": {"type": ["string", "null"]}},
                "additionalProperties": false
            },
            "Thing": {
                "type": "object",
                "required": ["kind", "pieces", "when", "maybe"],
                "properties": {
                    "kind": {"type": "string", "enum": ["a", "b"]},
                    "pieces": {"type": "array", "items": {"$ref": "#/components/schemas/Piece"}, "maxItems": 2},
                    "when": {"type": ["string", "null"], "format": "date-time"},
                    "maybe": {"anyOf": [{"$ref": "#/components/schemas/Piece"}, {"type": "null"}]},
                    "rule": {"oneOf": [
                        {"type": "object", "properties": {"kind": {"const": "x"}}, "additionalProperties": false},
                        {"type": "object", "properties": {"kind": {"const": "y"}, "n": {"type": "integer"}},
                            "additionalProperties": false}
                    ]}
                },
                "additionalProperties": false
            }
        }}})
    }

    fn good() -> Value {
        json!({"kind": "a", "pieces": [{"text": "x", "start": 1}], "when": "2024-03-31T12:00:00+02:00",
            "maybe": null})
    }

    fn errors(value: Value) -> Vec<String> {
        let doc = document();
        let validator = Validator::new(&doc);
        validator.validate("#/components/schemas/Thing", &value).expect_err("should fail")
    }

    fn with(path: &str, v: Value) -> Value {
        let mut value = good();
        *value.pointer_mut(path).expect("path") = v;
        value
    }

    #[test]
    fn a_fitting_value_passes_and_is_recorded() {
        let doc = document();
        let validator = Validator::new(&doc);
        validator.validate("#/components/schemas/Thing", &good()).expect("valid");
        let seen = validator.seen();
        assert!(seen.refs.contains("#/components/schemas/Piece"), "{seen:?}");
        assert!(seen.refs.contains("#/components/schemas/Id"));
        assert!(seen.properties.contains(&("#/components/schemas/Piece".into(), "text".into())));
        assert!(!seen.properties.contains(&("#/components/schemas/Piece".into(), "note".into())));
        assert!(!seen.properties.contains(&("#/components/schemas/Thing".into(), "rule".into())));
        // A failed value records nothing.
        let _ = validator.validate("#/components/schemas/Piece", &json!({"text": "", "start": 1, "note": 3}));
        assert!(!validator.seen().properties.contains(&("#/components/schemas/Piece".into(), "note".into())));
    }

    #[test]
    fn each_keyword_can_fail() {
        let cases = [
            (with("/kind", json!("c")), "is none of"),
            (with("/kind", json!(1)), "is not of type string"),
            (with("/pieces/0/start", json!(0)), "past the minimum"),
            (with("/pieces/0/start", json!(1.5)), "is not of type integer"),
            (with("/pieces/0/start", json!(u64::MAX)), "is not a int64"),
            (with("/pieces/0/text", json!("")), "past the minLength"),
            (
                with(
                    "/pieces",
                    json!([{"text": "x", "start": 1}, {"text": "y", "start": 2}, {"text": "z", "start": 3}]),
                ),
                "maxItems",
            ),
            (with("/pieces/0", json!({"text": "x"})), "the required \"start\" is missing"),
            (
                with("/pieces/0", json!({"text": "x", "start": 1, "extra": true})),
                "\"extra\" is not documented",
            ),
            (with("/when", json!("2024-03-31 12:00")), "is not a date-time"),
            (with("/maybe", json!({"text": "x"})), "0 of 2 branches of anyOf"),
            (with("/maybe", json!(false)), "0 of 2 branches of anyOf"),
        ];
        for (value, expected) in cases {
            let errors = errors(value.clone());
            assert!(errors.iter().any(|e| e.contains(expected)), "{value} gave {errors:?}, not {expected:?}");
        }
        let mut missing = good();
        missing.as_object_mut().expect("object").remove("maybe");
        assert!(errors(missing).iter().any(|e| e.contains("required \"maybe\"")));
    }

    #[test]
    fn nulls_consts_and_one_of() {
        let doc = document();
        let validator = Validator::new(&doc);
        let thing = "#/components/schemas/Thing";
        assert!(validator.validate(thing, &with("/when", json!(null))).is_ok());
        assert!(validator.validate(thing, &with("/maybe", json!({"text": "x", "start": 2}))).is_ok());
        let mut rule = good();
        rule["rule"] = json!({"kind": "y", "n": 3});
        assert!(validator.validate(thing, &rule).is_ok());
        rule["rule"] = json!({"kind": "x"});
        assert!(validator.validate(thing, &rule).is_ok());
        rule["rule"] = json!({"kind": "z"});
        assert!(validator.validate(thing, &rule).is_err());
        // Both branches match: oneOf wants exactly one.
        rule["rule"] = json!({});
        let errors = validator.validate(thing, &rule).expect_err("two branches match");
        assert!(errors.iter().any(|e| e.contains("2 of 2 branches of oneOf")), "{errors:?}");
    }

    #[test]
    #[should_panic(expected = "does not know the keyword \"pattern\"")]
    fn an_unknown_keyword_is_refused_not_ignored() {
        let doc = json!({"s": {"type": "string", "pattern": "^a"}});
        let _ = Validator::new(&doc).validate("#/s", &json!("b"));
    }

    #[test]
    #[should_panic(expected = "points at nothing")]
    fn a_dangling_reference_is_refused() {
        let doc = json!({"s": {"$ref": "#/nowhere"}});
        let _ = Validator::new(&doc).validate("#/s", &json!(1));
    }
}
