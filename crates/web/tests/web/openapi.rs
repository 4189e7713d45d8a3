//! The OpenAPI document at `/api/v1/openapi.json` held to the router that serves it: it is
//! OpenAPI 3.1 and whole (every reference resolves, every path parameter declared); every
//! route `api::routes` declares is documented and every documented path answers; every answer
//! the tests get (the 200s of every GET on a store with stories, entities, quotes, figures,
//! revisions, sources and sections, and 400, 404 and 405 errors) has a documented status and
//! fits its schema, with no field undocumented (`additionalProperties: false`) or documented
//! and never sent; the documented checks on parameters are made by the handlers.

mod schema;

use std::collections::{BTreeMap, BTreeSet};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use newsgraph_model::{
    Amount, EntityKind, GeoPoint, Quote, QuoteKind, RelatedHeadline, Span, TimeGranularity, TimeRef,
};
use newsgraph_store::conformance::{canonical, sample, tag};
use newsgraph_store::{NewArticle, Section, SectionRule};
use newsgraph_web::ApiError;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::common::{App, serve_with, stored};
use crate::common::{FACTORY, MINSK, MINSK_AGAIN, QUAKE};
use schema::{Validator, escape};

const API: &str = "/api/v1";
/// The day of the fixture's first articles, for the digest.
const DAY: &str = "2022-12-19";

// ---- the fixture ----------------------------------------------------------------------------

struct Fixture {
    app: App,
    article: i64,
    entity: i64,
    story: i64,
    source: i64,
}

/// The fixture app's token: requests that change things carry it unless a test says not.
const TOKEN: &str = "openapi-test-admin-token";

fn span(text: &str, form: &str) -> Span {
    let start = text.find(form).unwrap_or_else(|| panic!("{form:?} not in {text:?}"));
    Span::new(start, start + form.len())
}

/// An article with its people and places tagged (Putin with a role, Minsk with a place and a
/// country), one paragraph long unless `keep_second`.
fn article(title: &str, site: &str, published: &str, body: &str, keep_second: bool) -> NewArticle {
    let mut new = sample(title, body, Some(published));
    new.article.site = Some(site.to_owned());
    if !keep_second {
        new.article.paragraphs.truncate(1);
        new.article.paragraph_kinds.truncate(1);
    }
    for (kind, key, name, form, location) in [
        (EntityKind::Per, "PER:vladimir putin", "Vladimir Putin", "Putin", None),
        (EntityKind::Per, "PER:alexander lukashenko", "Alexander Lukashenko", "Lukashenko", None),
        (EntityKind::Loc, "geonames:625144", "Minsk", "Minsk", Some((53.9, 27.5667))),
        (EntityKind::Loc, "geonames:3899539", "Antofagasta", "Antofagasta", Some((-23.65, -70.4))),
    ] {
        if body.contains(form) {
            let mut entity = canonical(kind, key, name);
            entity.location = location.map(|(lat, lon)| GeoPoint { lat, lon });
            entity.country = location.map(|_| if name == "Minsk" { "BY" } else { "CL" }.to_owned());
            entity.aliases = vec![form.to_owned()];
            tag(&mut new, entity, &[form]);
        }
    }
    for mention in &mut new.entities.mentions {
        if mention.kind == EntityKind::Per {
            mention.role = Some("president".into());
        }
    }
    new
}

/// Every shape the API sends, with something in it: two stories sharing Putin (so related
/// stories), a copy, a teaser naming a stored article, quotes, amounts and times, an earlier
/// version, a followed source, and a section of a saved search by entity.
async fn fixture() -> Fixture {
    let mut minsk = article(
        "Putin holds talks with Lukashenko in Minsk",
        "Daily One",
        "2022-12-19T10:00:00Z",
        MINSK,
        false,
    );
    let text = minsk.article.text();
    let said = span(&text, "Putin said");
    minsk.quotes = vec![
        Quote {
            kind: QuoteKind::Indirect,
            speaker: Some(Span::new(said.start, said.start + "Putin".len())),
            referent: None,
            speaker_entity: None,
            cue: Some(Span::new(said.end - "said".len(), said.end)),
            content: vec![span(&text, "the talks in Minsk were useful")],
        },
        Quote {
            kind: QuoteKind::Direct,
            speaker: None,
            referent: None,
            speaker_entity: None,
            cue: None,
            content: vec![span(&text, "Belarus would buy more Russian weapons")],
        },
    ];
    let mut quake = article("Quake in Chile", "Third Times", "2022-12-19T12:00:00Z", QUAKE, true);
    let text = quake.article.text();
    quake.amounts = vec![Amount {
        span: span(&text, "magnitude 6.8"),
        value: 6.8,
        value_max: Some(7.0),
        unit: Some("magnitude".into()),
        counted: None,
    }];
    quake.times = vec![TimeRef {
        span: span(&text, "on Monday"),
        start: chrono::NaiveDate::from_ymd_opt(2022, 12, 19),
        end: chrono::NaiveDate::from_ymd_opt(2022, 12, 19),
        granularity: Some(TimeGranularity::Day),
    }];
    quake.article.related_headlines = vec![
        RelatedHeadline { title: "PUTIN AND LUKASHENKO DISCUSS MILITARY COOPERATION".into(), url: None },
        RelatedHeadline {
            title: "Floods hit Pakistan again".into(),
            url: Some("https://news.example/floods".into()),
        },
    ];
    let (dir, engine, ids) = stored(&[
        minsk,
        article(
            "Putin and Lukashenko discuss military cooperation in Minsk",
            "Second Post",
            "2022-12-20T14:00:00Z",
            MINSK_AGAIN,
            false,
        ),
        article(
            "Putin in Minsk",
            "Wire Service",
            "2022-12-20T15:00:00Z",
            &format!("{MINSK} Copyright Wire Service, all rights reserved."),
            false,
        ),
        quake.clone(),
        article("Putin tours a tractor factory", "Daily One", "2022-12-21T09:00:00Z", FACTORY, false),
    ]);
    newsgraph_pipeline::organize(&engine).expect("organize");
    quake.article.title = "Quake in Chile: no deaths reported".into();
    engine.store.revise(ids[3], &quake).expect("revise");
    engine.catch_up_index().expect("index");

    let store = engine.store.clone();
    let id =
        crate::common::failing_source(store.as_ref(), "https://feeds.example/world.xml", Some("World news"));

    let article = ids[0].0;
    // With a token, so that the operations that change things can be tried too.
    let access = newsgraph_web::Access::new(Some(TOKEN.into()), false).expect("access");
    let app = serve_with(dir, &engine, ids, access);
    let putin = first_id(&app, "/entities?q=Putin", "entities").await;
    let minsk_id = first_id(&app, "/entities?q=Minsk", "entities").await;
    let rule =
        SectionRule::Query { text: String::new(), entities: vec![newsgraph_model::EntityId(minsk_id)] };
    store
        .save_section(&Section { slug: "minsk".into(), name: "Minsk".into(), position: 99, rule })
        .expect("section");
    let story = first_id(&app, "/stories", "stories").await;
    Fixture { app, article, entity: putin, story, source: id.0 }
}

async fn first_id(app: &App, uri: &str, list: &str) -> i64 {
    let json: Value =
        serde_json::from_str(&call(app, "GET", &format!("{API}{uri}")).await.body).expect("JSON");
    json[list][0]["id"].as_i64().unwrap_or_else(|| panic!("no id in {uri}: {json}"))
}

// ---- requests and the document ---------------------------------------------------------------

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

async fn call(app: &App, method: &str, uri: &str) -> Answer {
    call_with(app, method, uri, None, method != "GET").await
}

/// A request with a JSON body, and the token when `token`.
async fn call_with(app: &App, method: &str, uri: &str, body: Option<&Value>, token: bool) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    if token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {TOKEN}"));
    }
    let request = match body {
        Some(body) => {
            request.header(header::CONTENT_TYPE, "application/json").body(Body::from(body.to_string()))
        }
        None => request.body(Body::empty()),
    }
    .expect("request");
    let response = app.router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    Answer { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

/// The document as the router serves it.
async fn document(app: &App) -> Value {
    let answer = call(app, "GET", &format!("{API}/openapi.json")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    serde_json::from_str(&answer.body).unwrap_or_else(|e| panic!("the document is not JSON: {e}"))
}

/// Which documented path a request path (under `/api/v1`) is, and its operation.
fn template_of(doc: &Value, path: &str) -> String {
    let segments: Vec<&str> = path.split('/').collect();
    let paths = doc["paths"].as_object().expect("paths");
    let fits = |template: &str| {
        let parts: Vec<&str> = template.split('/').collect();
        parts.len() == segments.len()
            && parts.iter().zip(&segments).all(|(t, s)| t == s || (t.starts_with('{') && !s.is_empty()))
    };
    // A literal path wins over a template that also fits.
    let mut fitting: Vec<&String> = paths.keys().filter(|t| fits(t)).collect();
    fitting.sort_by_key(|t| t.matches('{').count());
    fitting.first().map(|t| t.to_string()).unwrap_or_else(|| panic!("{path} is not documented"))
}

/// The path with its parameters filled from the fixture.
fn fill(template: &str, f: &Fixture) -> String {
    let filled = match template {
        "/articles/{id}" => format!("/articles/{}", f.article),
        "/entities/{id}" => format!("/entities/{}", f.entity),
        "/stories/{id}" => format!("/stories/{}", f.story),
        "/sections/{slug}" => "/sections/latest".to_owned(),
        "/sources/{id}" => format!("/sources/{}", f.source),
        "/digest/{date}" => format!("/digest/{DAY}"),
        other if !other.contains('{') => other.to_owned(),
        other => panic!("the test has no example for {other}: add one to fill()"),
    };
    format!("{API}{filled}")
}

/// What a request to an operation needs besides the parameter being tried.
fn base_query(template: &str) -> &'static str {
    match template {
        "/search" => "q=Minsk",
        "/export" => "what=articles",
        _ => "",
    }
}

struct Checker<'d> {
    doc: &'d Value,
    validator: Validator<'d>,
}

impl<'d> Checker<'d> {
    fn new(doc: &'d Value) -> Self {
        Checker { doc, validator: Validator::new(doc) }
    }

    /// The answer to `method uri`, held to the document: its status is documented for the
    /// operation, its content type too, its JSON body fits the schema and holds no key twice,
    /// and required headers are there.
    async fn check(&self, app: &App, method: &str, uri: &str) -> Answer {
        self.check_with(app, method, uri, None, method != "GET").await
    }

    /// [`Checker::check`] with a JSON body, and the token when `token`.
    async fn check_with(
        &self,
        app: &App,
        method: &str,
        uri: &str,
        body: Option<&Value>,
        token: bool,
    ) -> Answer {
        let answer = call_with(app, method, uri, body, token).await;
        let path = uri.strip_prefix(API).expect("an API path").split('?').next().expect("path");
        let template = template_of(self.doc, path);
        let operation = &self.doc["paths"][&template][method.to_ascii_lowercase()];
        let status = answer.status.as_str().to_owned();
        let (pointer, response) = if operation.is_null() {
            // No such operation: every such request is answered 405, documented once.
            assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}: {}", answer.body);
            let pointer = "#/components/responses/MethodNotAllowed".to_owned();
            (pointer.clone(), self.validator.resolve(&pointer))
        } else {
            let declared = &operation["responses"][&status];
            assert!(!declared.is_null(), "{method} {uri} answered {status}, undocumented: {}", answer.body);
            match declared["$ref"].as_str() {
                Some(reference) => (reference.to_owned(), self.validator.resolve(reference)),
                None => {
                    let at =
                        format!("#/paths/{}/{}/responses/{status}", escape(&template), method.to_lowercase());
                    (at, declared)
                }
            }
        };
        for (name, h) in response["headers"].as_object().into_iter().flatten() {
            if h["required"] == true {
                let lower = name.to_ascii_lowercase();
                assert!(answer.headers.contains_key(lower.as_str()), "{method} {uri}: no {name} header");
            }
        }
        let content = response["content"].as_object();
        let Some(content) = content else {
            assert!(answer.body.is_empty(), "{method} {uri}: a body where none is documented");
            return answer;
        };
        let media = answer.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let media = media.split(';').next().unwrap_or("").trim().to_owned();
        assert!(content.contains_key(&media), "{method} {uri}: {media:?} is not documented for {status}");
        if media == "application/json" {
            let value: Value = serde_json::from_str(&answer.body).expect("a JSON body");
            let schema = format!("{pointer}/content/{}/schema", escape(&media));
            if let Err(errors) = self.validator.validate(&schema, &value) {
                panic!("{method} {uri} ({status}) does not fit {schema}:\n  {}", errors.join("\n  "));
            }
            let mut twice = duplicate_keys(&answer.body);
            // Known: the entity's summary count `articles` is flattened beside its list of
            // `articles`, so the key is sent twice (readers keep the list); see EntityDetail.
            // Asserted, so that the day it is fixed this exception is removed too.
            if template == "/entities/{id}" && answer.status == StatusCode::OK {
                assert!(twice.iter().any(|k| k == "$.articles"), "fixed? drop this exception: {twice:?}");
                twice.retain(|k| k != "$.articles");
            }
            assert!(twice.is_empty(), "{method} {uri} sends keys twice: {twice:?}");
        }
        answer
    }

    fn operations(&self) -> Vec<(String, String, &'d Value)> {
        let mut out = Vec::new();
        for (path, item) in self.doc["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().expect("a path item") {
                out.push((path.clone(), method.clone(), operation));
            }
        }
        out
    }

    /// An operation's parameters, references resolved.
    fn parameters(&self, operation: &'d Value) -> Vec<&'d Value> {
        let list = operation["parameters"].as_array().map(Vec::as_slice).unwrap_or_default();
        list.iter().map(|p| p["$ref"].as_str().map_or(p, |r| self.validator.resolve(r))).collect()
    }

    fn schema(&self, schema: &'d Value) -> &'d Value {
        schema["$ref"].as_str().map_or(schema, |r| self.validator.resolve(r))
    }
}

/// The keys some object of a JSON text holds twice, by where (`$.a[0].b`): `serde_json::Value`
/// keeps the last one silently, so a schema check of the parsed value cannot see them.
fn duplicate_keys(text: &str) -> Vec<String> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::cell::RefCell;

    struct Keys<'a> {
        path: String,
        found: &'a RefCell<Vec<String>>,
    }
    impl<'de> DeserializeSeed<'de> for Keys<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Keys<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut i = 0;
            while seq
                .next_element_seed(Keys { path: format!("{}[{i}]", self.path), found: self.found })?
                .is_some()
            {
                i += 1;
            }
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut names = BTreeSet::new();
            while let Some(name) = map.next_key::<String>()? {
                let path = format!("{}.{name}", self.path);
                if !names.insert(name) {
                    self.found.borrow_mut().push(path.clone());
                }
                map.next_value_seed(Keys { path, found: self.found })?;
            }
            Ok(())
        }
    }
    let found = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    Keys { path: "$".into(), found: &found }.deserialize(&mut de).expect("JSON");
    found.into_inner()
}

// ---- the routes the router declares -----------------------------------------------------------

/// The routes `api::routes` declares, read from its source at build time: each path with its
/// methods. Routes added any other way than `.route("...", method(handler)...)` in that file
/// (a nested or merged router) are refused here, so they cannot slip past the document.
fn declared_routes() -> BTreeMap<String, BTreeSet<String>> {
    let source = include_str!("../../src/api.rs");
    let code: String = source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect();
    for other in [".nest(", ".merge(", ".route_service(", ".nest_service(", ".fallback_service("] {
        assert!(
            !code.contains(other),
            "api.rs adds routes with {other}: teach declared_routes() to read them"
        );
    }
    let methods = ["get", "post", "put", "delete", "patch", "head", "options", "trace"];
    let mut routes = BTreeMap::new();
    for (at, _) in code.match_indices(".route(\"") {
        let rest = &code[at + ".route(\"".len()..];
        let (path, rest) = rest.split_once('"').expect("a closed path string");
        // The method router: up to the parenthesis closing `.route(`.
        let mut depth = 1;
        let end = rest
            .char_indices()
            .find_map(|(i, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                (depth == 0).then_some(i)
            })
            .expect("a closed .route(");
        let expr = &rest[..end];
        assert!(!expr.contains("any("), "{path}: any() routes every method; name them");
        let named: BTreeSet<String> = methods
            .iter()
            .filter(|m| {
                expr.match_indices(&format!("{m}("))
                    .any(|(i, _)| i == 0 || !expr[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
            })
            .map(|m| m.to_string())
            .collect();
        assert!(!named.is_empty(), "{path}: no method found in {expr}");
        assert!(routes.insert(path.to_owned(), named).is_none(), "{path} is routed twice");
    }
    assert!(routes.len() >= 10, "api.rs was not read right: {routes:?}");
    routes
}

/// Every variant of the API's error, as far as this test knows them: `codes_in_source` says
/// when one is added.
fn every_error() -> Vec<ApiError> {
    vec![
        ApiError::BadRequest(String::new()),
        ApiError::NotFound(String::new()),
        ApiError::MethodNotAllowed,
        ApiError::Unauthorized(String::new()),
        ApiError::Forbidden(String::new()),
        ApiError::Internal(String::new()),
    ]
}

/// The codes `ApiError::code` gives, read from its source: a variant added there fails this
/// test at run time (an exhaustive match here would instead stop every test of the binary
/// from compiling).
fn codes_in_source() -> BTreeSet<String> {
    let source = include_str!("../../src/api/error.rs");
    let body = source.split("pub fn code(&self)").nth(1).expect("ApiError::code in error.rs");
    let body = &body[..body.find("\n    }").expect("the end of ApiError::code")];
    body.lines()
        .filter_map(|l| l.split_once("=> \""))
        .map(|(_, rest)| rest.split('"').next().unwrap_or_default().to_owned())
        .collect()
}

/// Every `$ref` in a part of the document, with where it is.
fn references(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k == "$ref" {
                    out.push((at.to_owned(), v.as_str().expect("a $ref string").to_owned()));
                } else {
                    references(v, &format!("{at}/{}", escape(k)), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                references(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// (object schema, property) for every property documented under `at`, as the validator
/// records them.
fn documented_properties(schema: &Value, at: &str, out: &mut BTreeSet<(String, String)>) {
    let Some(map) = schema.as_object() else { return };
    if let Some(properties) = map.get("properties").and_then(Value::as_object) {
        for (name, property) in properties {
            out.insert((at.to_owned(), name.clone()));
            documented_properties(property, &format!("{at}/properties/{}", escape(name)), out);
        }
    }
    if let Some(items) = map.get("items") {
        documented_properties(items, &format!("{at}/items"), out);
    }
    for keyword in ["allOf", "anyOf", "oneOf"] {
        for (i, branch) in map.get(keyword).and_then(Value::as_array).into_iter().flatten().enumerate() {
            documented_properties(branch, &format!("{at}/{keyword}/{i}"), out);
        }
    }
}

// ---- the tests ------------------------------------------------------------------------------

#[tokio::test]
async fn the_document_is_whole_openapi_3_1() {
    let f = fixture().await;
    let doc = document(&f.app).await;
    let version = doc["openapi"].as_str().expect("openapi");
    assert!(version.starts_with("3.1."), "OpenAPI 3.1, not {version}");
    assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());
    assert_eq!(doc["servers"][0]["url"], API, "paths are relative to the API's root");

    let validator = Validator::new(&doc);
    let mut refs = Vec::new();
    references(&doc, "#", &mut refs);
    assert!(refs.len() > 50, "{refs:?}");
    for (at, reference) in &refs {
        assert!(reference.starts_with("#/components/"), "{at}: {reference}");
        validator.resolve(reference);
    }

    let checker = Checker::new(&doc);
    let mut ids = BTreeSet::new();
    for (path, method, operation) in checker.operations() {
        let id = operation["operationId"].as_str().unwrap_or_else(|| panic!("{path}: no operationId"));
        assert!(ids.insert(id.to_owned()), "{id} twice");
        assert!(operation["summary"].is_string(), "{path}: no summary");
        let responses = operation["responses"].as_object().expect("responses");
        let success = responses.keys().any(|status| status.starts_with('2') || status == "307");
        assert!(success, "{path}: no success");
        // What changes things says what it needs: the token.
        let changes = method != "get";
        assert_eq!(operation["security"].is_array(), changes, "{method} {path}: security");
        let parameters = checker.parameters(operation);
        let in_path: BTreeSet<&str> =
            path.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}'))).collect();
        let declared: BTreeSet<&str> = parameters
            .iter()
            .filter(|p| p["in"] == "path")
            .map(|p| {
                assert_eq!(p["required"], true, "{path}: path parameters are required");
                p["name"].as_str().expect("name")
            })
            .collect();
        assert_eq!(in_path, declared, "{path}: path parameters");
        let mut names = BTreeSet::new();
        for p in &parameters {
            assert!(["path", "query"].contains(&p["in"].as_str().unwrap_or("")), "{path}: {p}");
            assert!(p["schema"].is_object(), "{path}: {p} has no schema");
            assert!(names.insert(p["name"].as_str().expect("name")), "{path}: {p} twice");
        }
    }

    // The error codes and statuses are the ones ApiError has, and each error response is
    // used under its own status.
    let codes: BTreeSet<&str> = doc["components"]["schemas"]["Error"]["properties"]["code"]["enum"]
        .as_array()
        .expect("the codes")
        .iter()
        .map(|c| c.as_str().expect("a code"))
        .collect();
    let errors = every_error();
    let known: BTreeSet<String> = errors.iter().map(|e| e.code().to_owned()).collect();
    assert_eq!(
        codes_in_source(),
        known,
        "ApiError's codes (left): add the new ones to every_error() and the document"
    );
    assert_eq!(codes, errors.iter().map(ApiError::code).collect(), "the Error schema's codes");
    let mut status_of = BTreeMap::new();
    for (name, response) in doc["components"]["responses"].as_object().expect("responses") {
        let code =
            &response["content"]["application/json"]["schema"]["allOf"][1]["properties"]["code"]["const"];
        let error = errors.iter().find(|e| *code == e.code()).unwrap_or_else(|| panic!("{name}: {code}"));
        status_of.insert(format!("#/components/responses/{name}"), error.status().as_str().to_owned());
    }
    assert_eq!(status_of.len(), errors.len(), "one response per error");
    for (path, _, operation) in checker.operations() {
        for (status, response) in operation["responses"].as_object().expect("responses") {
            if let Some(reference) = response["$ref"].as_str() {
                assert_eq!(Some(status), status_of.get(reference), "{path}: {reference} under {status}");
            }
        }
    }
}

#[tokio::test]
async fn every_route_is_documented_and_every_documented_path_answers() {
    let f = fixture().await;
    let doc = document(&f.app).await;
    let checker = Checker::new(&doc);
    let documented: BTreeMap<String, BTreeSet<String>> = doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .map(|(path, item)| (path.clone(), item.as_object().expect("item").keys().cloned().collect()))
        .collect();
    assert_eq!(declared_routes(), documented, "api.rs's routes (left) and the document's (right)");

    for (template, method, _) in checker.operations() {
        let uri = format!("{}?{}", fill(&template, &f), base_query(&template));
        // Without the token: a change is refused (401) before it touches the fixture.
        let answer = checker.check_with(&f.app, &method.to_ascii_uppercase(), &uri, None, false).await;
        let routed = ![StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED].contains(&answer.status);
        assert!(routed, "{method} {uri} is not routed: {}", answer.body);
        // A GET needs nothing more than the path; other methods may need a body or a token.
        if method == "get" {
            assert!(answer.status.is_success() || answer.status.is_redirection(), "{uri}: {}", answer.body);
        }
        // Any method the path does not document is refused in the documented way.
        let item = &doc["paths"][&template];
        for other in ["POST", "PUT", "DELETE", "PATCH"] {
            if item[other.to_ascii_lowercase()].is_null() {
                checker.check(&f.app, other, &uri).await;
            }
        }
    }
    // The probe can miss: a path that is not routed is a 404, as documented for /api.
    let missing = call(&f.app, "GET", &format!("{API}/no-such-endpoint")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let value: Value = serde_json::from_str(&missing.body).expect("JSON");
    Validator::new(&doc).validate("#/components/schemas/Error", &value).expect("the error shape");

    let redirect = call(&f.app, "GET", &format!("{API}/digest")).await;
    let location = redirect.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).expect("Location");
    assert_eq!(template_of(&doc, location.strip_prefix(API).expect("under the API")), "/digest/{date}");
}

#[tokio::test]
async fn every_answer_fits_its_schema_and_every_schema_is_reached() {
    let f = fixture().await;
    let doc = document(&f.app).await;
    let checker = Checker::new(&doc);
    let get = |uri: String| {
        let checker = &checker;
        let app = &f.app;
        async move {
            let answer = checker.check(app, "GET", &format!("{API}{uri}")).await;
            serde_json::from_str::<Value>(&answer.body).unwrap_or(Value::Null)
        }
    };
    let articles = get("/articles?limit=1000".into()).await;
    assert_eq!(articles["limit"], 100, "a limit past the most is read as the most");
    get("/articles?offset=2&limit=2".into()).await;
    for a in articles["articles"].as_array().expect("articles") {
        get(format!("/articles/{}", a["id"])).await;
    }
    get("/search?q=Minsk&since=2022-12-19&until=2022-12-20T23:00:00Z".into()).await;
    get(format!("/search?entity={}", f.entity)).await;
    get("/search?q=nothing-matches-this".into()).await;
    let entities = get("/entities?limit=100".into()).await;
    get("/entities?kind=LOC".into()).await;
    for e in entities["entities"].as_array().expect("entities") {
        get(format!("/entities/{}", e["id"])).await;
    }
    get("/quotes".into()).await;
    get(format!("/quotes?speaker={}", f.entity)).await;
    get("/quotes?speaker=putin&q=talks".into()).await;
    let stories = get("/stories".into()).await;
    for s in stories["stories"].as_array().expect("stories") {
        get(format!("/stories/{}", s["id"])).await;
    }
    get("/sources".into()).await;
    let sections = get("/sections".into()).await;
    for s in sections["sections"].as_array().expect("sections") {
        get(format!("/sections/{}", s["slug"].as_str().expect("slug"))).await;
    }
    get(format!("/digest/{DAY}")).await;
    get(format!("/digest/{DAY}?limit=1")).await;
    get(format!("/digest/{DAY}?section=minsk")).await;
    get("/digest/2000-01-01".into()).await;
    get("/openapi.json".into()).await;
    // Files, not JSON: their media types and headers are checked.
    for format in ["csv", "jsonl", "parquet"] {
        get(format!("/export?what=articles&format={format}")).await;
    }
    get(format!("/export?what=quotes&entity={}&since=2022-12-19", f.entity)).await;

    // Changes, with the token and without: each request body held to its schema too.
    let section = json!({"name": "Factories", "slug": "factories", "position": 3, "query": "tractor OR factory",
        "entities": [f.entity]});
    let source = json!({"url": "https://feeds.example/sitemap.xml", "kind": "sitemap", "section": "World",
        "title": "Maps", "allow_private": false});
    for (path, body) in [("/sections", &section), ("/sources", &source)] {
        let at = format!("#/paths/{}/post/requestBody/content/application~1json/schema", escape(path));
        checker.validator.validate(&at, body).unwrap_or_else(|e| panic!("{path}: {e:?}"));
    }
    let write = |method: &'static str, uri: String, body: Option<Value>, token: bool| {
        let (checker, app) = (&checker, &f.app);
        async move { checker.check_with(app, method, &format!("{API}{uri}"), body.as_ref(), token).await.status }
    };
    assert_eq!(write("POST", "/sections".into(), Some(section.clone()), true).await, StatusCode::CREATED);
    assert_eq!(write("POST", "/sections".into(), Some(section), false).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        write("POST", "/sections".into(), Some(json!({"name": "Nothing"})), true).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(write("DELETE", "/sections/factories".into(), None, true).await, StatusCode::NO_CONTENT);
    assert_eq!(write("DELETE", "/sections/factories".into(), None, true).await, StatusCode::NOT_FOUND);
    assert_eq!(write("POST", "/sources".into(), Some(source.clone()), true).await, StatusCode::CREATED);
    assert_eq!(write("POST", "/sources".into(), Some(source), true).await, StatusCode::OK);
    assert_eq!(write("DELETE", format!("/sources/{}", f.source), None, true).await, StatusCode::NO_CONTENT);
    assert_eq!(write("DELETE", format!("/sources/{}", f.source), None, true).await, StatusCode::NOT_FOUND);

    // Errors: malformed and unknown, each as its operation documents it.
    for uri in [
        "/articles?limit=0",
        "/articles/abc",
        "/articles/999999",
        "/search",
        "/search?entity=999999",
        "/entities?kind=people",
        "/entities/0",
        "/entities/999999",
        "/quotes?speaker=999999",
        "/stories?offset=-1",
        "/stories/999999",
        "/sections/no-such-section",
        "/sections/latest?limit=x",
        "/digest/2022-13-01",
        "/digest/2022-12-19?section=no-such-section",
        "/export?what=rows",
        "/export?what=articles&entity=999999",
        "/export?what=articles&since=2022-12-20&until=2022-12-19",
    ] {
        let answer = checker.check(&f.app, "GET", &format!("{API}{uri}")).await;
        assert!(answer.status.is_client_error(), "{uri}: {}", answer.status);
    }

    // Every schema was met and every documented property was sent at least once: what the
    // document promises, the API does (and `additionalProperties: false` did the converse).
    let seen = checker.validator.seen();
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let unmet: Vec<&String> =
        schemas.keys().filter(|name| !seen.refs.contains(&format!("#/components/schemas/{name}"))).collect();
    assert!(unmet.is_empty(), "no answer met these schemas: {unmet:?}");
    let mut documented = BTreeSet::new();
    for (name, schema) in schemas {
        documented_properties(schema, &format!("#/components/schemas/{name}"), &mut documented);
    }
    let never: Vec<_> = documented.difference(&seen.properties).collect();
    assert!(never.is_empty(), "documented but never sent: {never:?}");
}

#[tokio::test]
async fn the_documented_parameter_checks_are_made() {
    let f = fixture().await;
    let doc = document(&f.app).await;
    let checker = Checker::new(&doc);
    let mut tried = 0;
    for (template, method, operation) in checker.operations() {
        let method = method.to_ascii_uppercase();
        let base = base_query(&template);
        let url = |path: &str, extra: &str| {
            let query: Vec<&str> = [base, extra].into_iter().filter(|q| !q.is_empty()).collect();
            format!("{path}?{}", query.join("&"))
        };
        for p in checker.parameters(operation) {
            let name = p["name"].as_str().expect("name");
            let schema = checker.schema(&p["schema"]);
            let mut bad: Vec<String> = Vec::new();
            if schema["type"] == "integer" {
                bad.push("abc".into());
                bad.extend(schema["minimum"].as_i64().map(|m| (m - 1).to_string()));
                bad.extend(schema["maximum"].as_i64().map(|m| (m + 1).to_string()));
            }
            if schema["enum"].is_array() {
                bad.push("nonsense".into());
            }
            let formats =
                schema["anyOf"].as_array().map(|b| b.iter().map(|b| &b["format"]).collect::<Vec<_>>());
            if schema["format"].is_string() || formats.is_some_and(|f| f.iter().all(|f| f.is_string())) {
                bad.push("2022-13-45".into());
            }
            for value in bad {
                let uri = if p["in"] == "path" {
                    // Every path parameter is its path's last segment.
                    assert!(template.ends_with(&format!("{{{name}}}")), "{template}: {name}");
                    let filled = fill(&template, &f);
                    format!("{}/{value}", filled.rsplit_once('/').expect("a segment").0)
                } else {
                    let kept = if base.starts_with(&format!("{name}=")) { "" } else { base };
                    let query: Vec<String> = [kept.to_owned(), format!("{name}={value}")]
                        .into_iter()
                        .filter(|q| !q.is_empty())
                        .collect();
                    format!("{}?{}", fill(&template, &f), query.join("&"))
                };
                let answer = checker.check(&f.app, &method, &uri).await;
                assert_eq!(
                    answer.status,
                    StatusCode::BAD_REQUEST,
                    "{uri} ({name}={value:?}): {}",
                    answer.body
                );
                tried += 1;
            }
            if p["required"] == true && p["in"] == "query" {
                let uri = format!("{}?", fill(&template, &f));
                let answer = checker.check(&f.app, &method, &uri).await;
                assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{uri} without {name}");
            }
            // A documented default is what the answer says it used.
            if let Some(default) = p.pointer("/schema/default") {
                let answer = checker.check(&f.app, &method, &url(&fill(&template, &f), "")).await;
                if let Ok(Value::Object(body)) = serde_json::from_str::<Value>(&answer.body)
                    && let Some(used) = body.get(name)
                {
                    assert_eq!(used, default, "{template}: {name}'s default");
                }
            }
        }
    }
    assert!(tried >= 25, "only {tried} bad values tried");
}

#[test]
fn keys_sent_twice_are_found() {
    let text = r#"{"a": 1, "b": [{"c": 1, "d": {"c": 0}, "c": 2}], "e": null, "a": [3]}"#;
    assert_eq!(duplicate_keys(text), ["$.b[0].c", "$.a"]);
    assert!(duplicate_keys(r#"[{"a": 1}, {"a": 2}]"#).is_empty());
}
