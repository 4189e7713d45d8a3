//! The web app in a real browser: headless Chromium, driven over WebDriver (chromedriver), on
//! `newsgraph demo` served from a loopback port. The front page, a story with its coverage,
//! timeline and map, a person named in it, and a search, each reached by clicking as a reader
//! would; every page screenshotted and its DOM checked, its console free of errors, and every
//! request it made sent to the server under test.
//!
//! Needs `chromium` and `chromedriver` on PATH (Debian: `apt-get install chromium
//! chromium-driver`; `.ci/run` installs them when missing). Without them the test fails, so that
//! a CI machine lacking them cannot pass unseen, unless NEWSGRAPH_SKIP_BROWSER_TESTS=1.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::common::{Sandbox, Server};

/// The browser window, fixed so that screenshots have a known size.
const WIDTH: u32 = 1280;
const HEIGHT: u32 = 900;
/// The longest the driver may take to start, and a page or an element to appear.
const WAIT: Duration = Duration::from_secs(30);

#[tokio::test]
async fn the_demo_in_a_real_browser() {
    let Some(tools) = browser_tools() else { return };
    let started = Instant::now();
    let sandbox = Sandbox::new();
    // The demo imports its corpus before it serves (most of this test's time): the browser
    // starts meanwhile.
    let demo = sandbox.command(&["demo", "--addr", "127.0.0.1:0"]);
    let server = tokio::task::spawn_blocking(move || Server::start(demo));
    let driver = Driver::start(&tools.driver, &sandbox.path("chromedriver.log"));
    let client = driver.session(&tools.chromium, &sandbox.path("profile")).await;
    let server = server.await.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
    eprintln!("browser test: demo and browser ready in {:.1?}", started.elapsed());

    let browser = Browser {
        client,
        base: format!("http://{}", server.addr),
        // Kept where asked, to be looked at; else they go with the temporary directory.
        shots: std::env::var_os("NEWSGRAPH_BROWSER_SCREENSHOTS")
            .map_or_else(|| sandbox.path("screenshots"), PathBuf::from),
        driver_log: sandbox.path("chromedriver.log"),
    };
    std::fs::create_dir_all(&browser.shots).expect("screenshot dir");
    let mut maps = 0;

    // The front page: the stories, and its feed named in the head for feed readers.
    browser.client.goto(&browser.url("/")).await.expect("open the front page");
    browser.wait_for("ol.stories > li > a.title").await;
    let stories = browser.all("ol.stories > li > a.title").await;
    assert!(stories.len() > 5, "the front page lists {} stories", stories.len());
    assert_eq!(browser.title().await, "Stories · newsgraph");
    let atom = browser.one(r#"head link[rel="alternate"][type="application/atom+xml"]"#).await;
    let atom_href = atom.attr("href").await.expect("href").expect("the Atom link's href");
    assert_eq!(atom_href, "/feeds/stories.atom");
    let (status, feed) = server.get(&atom_href);
    assert_eq!(status, 200, "the discovered feed answers");
    assert!(feed.contains("<feed"), "an Atom feed: {}", &feed[..feed.len().min(200)]);
    browser.page_done("front").await;

    // The first story, opened by clicking it.
    let first = &stories[0];
    let headline = first.text().await.expect("headline");
    let story_href = first.attr("href").await.expect("href").expect("the story's link");
    first.click().await.expect("click the first story");
    browser.wait_for("section.coverage ol.articles > li").await;
    assert_eq!(browser.path().await, story_href);
    assert_eq!(browser.text("main h1").await, headline);
    let coverage = browser.all("section.coverage ol.articles > li a.title").await;
    assert!(!coverage.is_empty(), "the story lists its coverage");
    assert_eq!(browser.text("section.coverage h2").await, format!("Coverage ({})", coverage.len()));
    let headings = browser.texts("main h2").await;
    assert!(headings.iter().any(|h| h == "Coverage over time"), "{headings:?}");
    browser.check_chart("the story's coverage over time").await;
    // The places it names are on the map (the demo's first story names several).
    let names_places = !browser.all("section.entities a.entity-loc").await.is_empty();
    let has_map = browser.check_map().await;
    assert_eq!(has_map, names_places, "a story naming places shows them on the map, and only then");
    maps += usize::from(has_map);
    browser.page_done("story").await;

    // A person named in the story.
    let person = browser.wait_for("section.entities a.entity-per").await;
    let name = person.text().await.expect("name");
    let person_href = person.attr("href").await.expect("href").expect("the person's link");
    person.click().await.expect("click a person");
    browser.wait_for("figure.timeline svg").await;
    assert_eq!(browser.path().await, person_href);
    assert_eq!(browser.text("main h1").await, name);
    assert_eq!(browser.text("p.meta .kind").await, "Person");
    let headings = browser.texts("main h2").await;
    assert!(headings.iter().any(|h| h == "Mentions over time"), "{headings:?}");
    browser.check_chart("the person's mentions over time").await;
    let with = browser
        .all_xpath("//h2[.='Named with']/following-sibling::ul[contains(@class, 'names')][1]/li/a")
        .await;
    assert!(!with.is_empty(), "{name} is named with others");
    maps += usize::from(browser.check_map().await);
    browser.page_done("entity").await;

    // A search, typed into the search page's form.
    browser.one(r#"header.site a[href="/search"]"#).await.click().await.expect("click Search");
    let field = browser.wait_for(r#"form.search input[name="q"]"#).await;
    field.send_keys("Belarus").await.expect("type a query");
    browser.one(r#"form.search button[type="submit"]"#).await.click().await.expect("submit");
    browser.wait_for("main ol.articles > li a.title").await;
    assert_eq!(browser.path().await, "/search");
    let hits = browser.texts("main ol.articles > li a.title").await;
    let (_, api) = server.get_json("/api/v1/search?q=Belarus&limit=20");
    let expected = api["hits"].as_array().expect("hits").len();
    assert!(expected > 1, "the demo has articles on Belarus: {api}");
    assert_eq!(hits.len(), expected, "the page lists what the API finds: {hits:?}");
    assert!(hits.iter().any(|t| t.starts_with("Russian President Vladimir Putin")), "{hits:?}");
    let total = format!("{} results for “Belarus”", api["total"]);
    let notes = browser.texts("main p.muted").await;
    assert!(notes.contains(&total), "{total:?} among {notes:?}");
    let highlighted = browser.texts("main ol.articles p.snippet b").await;
    assert!(highlighted.iter().any(|b| b.eq_ignore_ascii_case("belarus")), "{highlighted:?}");
    browser.page_done("search").await;

    // A facet: the first place the matches name narrows the search to the articles naming it.
    let facet = browser.one("aside.facets a.entity-loc").await;
    let place = facet.text().await.expect("the place's name");
    facet.click().await.expect("click a facet");
    browser.wait_for("main p.filter").await;
    let filter = browser.texts("main p.filter").await;
    assert!(filter.iter().any(|f| f.contains(&place)), "narrowed to {place}: {filter:?}");
    let narrowed = browser.texts("main ol.articles > li a.title").await;
    assert!(!narrowed.is_empty() && narrowed.len() <= hits.len(), "{narrowed:?}");
    let chosen = browser.texts("aside.facets strong").await;
    assert!(chosen.contains(&place), "the chosen place is no longer a link: {chosen:?}");
    browser.page_done("search narrowed").await;

    // Browsing by section: the front page's tab for World, its stories and its feed.
    browser.one(r#"header.site a.brand"#).await.click().await.expect("back to the front page");
    browser.one(r#"nav.sections a[href="/sections/world"]"#).await.click().await.expect("click World");
    browser.wait_for("main h1").await;
    assert_eq!(browser.path().await, "/sections/world");
    let world =
        browser.all_xpath("//main//ol[contains(@class, 'stories')]/li/a[contains(@class, 'title')]").await;
    assert!(!world.is_empty(), "the World section holds stories");
    let (status, feed) = server.get("/feeds/sections/world.atom");
    assert!(status == 200 && feed.contains("<entry>"), "the section's feed: {status}");
    browser.page_done("section").await;

    // Yesterday's digest, from the front page's link: the demo's last day with news.
    browser.one(r#"header.site a.brand"#).await.click().await.expect("back to the front page");
    browser.one(r#"a[href="/digest"]"#).await.click().await.expect("click the digest");
    browser.wait_for("main h1").await;
    assert!(browser.path().await.starts_with("/digest/"), "sent on to a day");
    let digest = browser.texts("ol.digest > li a.title").await;
    assert!(!digest.is_empty(), "the digest lists the day's stories");
    browser.page_done("digest").await;

    assert!(maps > 0, "the map was drawn on a story or an entity page");
    let (status, _) = server.get("/map/land.svg");
    assert_eq!(status, 200);
    browser.client.close().await.expect("end the session");
    eprintln!("browser test: done in {:.1?}", started.elapsed());
}

/// Where Chromium and chromedriver are.
struct Tools {
    chromium: PathBuf,
    driver: PathBuf,
}

/// Chromium and its driver; `None` when the browser tests are to be skipped.
fn browser_tools() -> Option<Tools> {
    if std::env::var_os("NEWSGRAPH_SKIP_BROWSER_TESTS").is_some_and(|v| v == "1") {
        eprintln!("browser test skipped: NEWSGRAPH_SKIP_BROWSER_TESTS=1");
        return None;
    }
    let missing = |what: &str| -> ! {
        panic!(
            "{what} not found on PATH: the browser tests need chromium and chromedriver (Debian: \
             apt-get install chromium chromium-driver; .ci/run installs them when missing). \
             Set NEWSGRAPH_SKIP_BROWSER_TESTS=1 to skip these tests."
        )
    };
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find_map(on_path)
        .unwrap_or_else(|| missing("Chromium"));
    let driver = on_path("chromedriver").unwrap_or_else(|| missing("chromedriver"));
    Some(Tools { chromium, driver })
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join(name)).find(|p| p.is_file())
}

/// A running chromedriver, leader of a process group of its own: the browser it starts joins
/// that group, so dropping this ends them all, even when a failed check left the session open.
struct Driver {
    child: Child,
    url: String,
    log: PathBuf,
}

impl Driver {
    fn start(path: &Path, log: &Path) -> Driver {
        let mut child = Command::new(path)
            // A free port, picked by the driver, which says which.
            .arg("--port=0")
            .arg(format!("--log-path={}", log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", path.display()));
        let stdout = child.stdout.take().expect("stdout");
        let mut driver = Driver { child, url: String::new(), log: log.to_owned() };
        let (lines, said) = mpsc::channel();
        // Read to the end, so that the driver never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        let deadline = Instant::now() + WAIT;
        while driver.url.is_empty() {
            let line =
                said.recv_timeout(deadline.saturating_duration_since(Instant::now())).unwrap_or_else(|_| {
                    panic!("chromedriver did not start in {WAIT:?}; its log:\n{}", log_tail(&driver.log))
                });
            if let Some(port) = line.strip_prefix("ChromeDriver was started successfully on port ") {
                driver.url = format!("http://127.0.0.1:{}/", port.trim_end_matches('.'));
            }
        }
        driver
    }

    /// A new browser session: headless, a fresh profile, the window's size fixed, and nothing
    /// but 127.0.0.1 reachable.
    async fn session(&self, chromium: &Path, profile: &Path) -> Client {
        let args = [
            "--headless",
            // Root (CI) cannot use Chromium's sandbox.
            "--no-sandbox",
            // Containers have a small /dev/shm.
            "--disable-dev-shm-usage",
            "--disable-gpu",
            &format!("--user-data-dir={}", profile.display()),
            &format!("--window-size={WIDTH},{HEIGHT}"),
            "--force-device-scale-factor=1",
            "--hide-scrollbars",
            "--no-first-run",
            "--no-default-browser-check",
            // None of the browser's own traffic: updates, sync, metrics, safe browsing, ...
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-domain-reliability",
            "--disable-client-side-phishing-detection",
            "--disable-breakpad",
            "--metrics-recording-only",
            "--no-pings",
            "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
            // ... and should any remain, no way out: no name resolves, and every other address
            // goes to a proxy on a closed loopback port (loopback itself is never proxied).
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            "--proxy-server=http://127.0.0.1:9",
        ];
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": chromium, "args": args },
            // The console, for its errors (a resource refused by the CSP, a 404).
            "goog:loggingPrefs": { "browser": "ALL" },
            "timeouts": { "pageLoad": WAIT.as_millis() as u64, "script": WAIT.as_millis() as u64 },
        });
        let Value::Object(capabilities) = capabilities else { unreachable!("an object") };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client =
            ClientBuilder::new(connector).capabilities(capabilities).connect(&self.url).await.unwrap_or_else(
                |e| panic!("no browser session ({e}); chromedriver's log:\n{}", log_tail(&self.log)),
            );
        // The window's size includes what headless Chromium counts as its frame: grown by that,
        // so that the page itself (and each screenshot) is WIDTH x HEIGHT.
        let frame = client.execute(FRAME, vec![]).await.expect("the window's frame");
        let frame =
            |side: &str| frame[side].as_u64().and_then(|n| u32::try_from(n).ok()).expect("frame size");
        client.set_window_size(WIDTH + frame("width"), HEIGHT + frame("height")).await.expect("resize");
        client
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The group's id is the driver's: `kill -KILL -ID` ends the driver and the browser.
        let group = format!("kill -KILL -{}", self.child.id());
        let _ = Command::new("sh").args(["-c", &group]).stderr(Stdio::null()).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The end of a log file, for a failure's message (the file goes with the temporary directory).
fn log_tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| format!("({}: {e})", path.display()));
    let start = text.char_indices().rev().nth(4000).map_or(0, |(i, _)| i);
    text[start..].to_owned()
}

/// The session with what each page is checked for.
struct Browser {
    client: Client,
    /// `http://127.0.0.1:PORT`
    base: String,
    shots: PathBuf,
    driver_log: PathBuf,
}

impl Browser {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The first element matching `css`, waited for.
    async fn wait_for(&self, css: &str) -> Element {
        match self.client.wait().at_most(WAIT).for_element(Locator::Css(css)).await {
            Ok(element) => element,
            Err(e) => {
                let url = self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
                panic!("no {css} on {url} after {WAIT:?}: {e}")
            }
        }
    }

    async fn one(&self, css: &str) -> Element {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}"))
    }

    async fn all(&self, css: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(css)).await.unwrap_or_else(|e| panic!("finding {css}: {e}"))
    }

    async fn all_xpath(&self, xpath: &str) -> Vec<Element> {
        self.client.find_all(Locator::XPath(xpath)).await.unwrap_or_else(|e| panic!("finding {xpath}: {e}"))
    }

    async fn text(&self, css: &str) -> String {
        self.one(css).await.text().await.unwrap_or_else(|e| panic!("text of {css}: {e}"))
    }

    async fn texts(&self, css: &str) -> Vec<String> {
        let mut texts = Vec::new();
        for element in self.all(css).await {
            texts.push(element.text().await.unwrap_or_else(|e| panic!("text of {css}: {e}")));
        }
        texts
    }

    async fn title(&self) -> String {
        self.client.title().await.expect("title")
    }

    async fn path(&self) -> String {
        self.client.current_url().await.expect("url").path().to_owned()
    }

    async fn script(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed ({e}): {script}"))
    }

    /// The page's timeline chart: an inline SVG drawn at a visible size, with bars.
    async fn check_chart(&self, what: &str) {
        let bars = self.all("figure.timeline svg rect").await.len();
        assert!(bars > 0, "{what}: a chart with bars");
        let size = self.script(SIZE_OF_CHART).await;
        assert!(
            size["width"].as_f64() > Some(100.0) && size["height"].as_f64() > Some(20.0),
            "{what}: {size}"
        );
    }

    /// The page's map, if it has one: the land image loaded, and dots for the places. Whether
    /// the page has a map.
    async fn check_map(&self) -> bool {
        if self.all("figure.map").await.is_empty() {
            return false;
        }
        let pins = self.all("figure.map svg a > circle.pin").await.len();
        assert!(pins > 0, "a map has its places");
        let land = self.one("figure.map svg image").await;
        assert_eq!(land.attr("href").await.expect("href").as_deref(), Some("/map/land.svg"));
        // The page's own request for it (as the browser records it), and the image it gives.
        let loaded = self.client.execute_async(LOAD_LAND, vec![]).await.expect("loading the land");
        assert_eq!(loaded["width"], 360, "the land image decoded: {loaded}");
        assert_eq!(loaded["height"], 180, "{loaded}");
        let statuses = loaded["requested"].as_array().expect("requests");
        assert!(
            !statuses.is_empty() && statuses.iter().all(|s| s == 200),
            "the page loaded the land: {loaded}"
        );
        let drawn = self.script(SIZE_OF_LAND).await;
        assert!(drawn["width"].as_f64() > Some(300.0), "the land drawn at a visible size: {drawn}");
        true
    }

    /// What every page is checked for once its own checks are done: its screenshot, no console
    /// errors, no requests but to the server under test.
    async fn page_done(&self, name: &str) {
        let png = self.client.screenshot().await.unwrap_or_else(|e| panic!("screenshot of {name}: {e}"));
        let file = self.shots.join(format!("{name}.png"));
        std::fs::write(&file, &png).expect("write the screenshot");
        assert_eq!(png_size(&png), Some((WIDTH, HEIGHT)), "{}: a PNG of the window's size", file.display());
        // A blank page compresses to a few KB; a page of text and charts to far more.
        assert!(png.len() > 20_000, "{}: {} bytes, is the page blank?", file.display(), png.len());

        let errors: Vec<Value> = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .unwrap_or_else(|e| {
                panic!("the browser's log ({e}); chromedriver's:\n{}", log_tail(&self.driver_log))
            })
            .as_array()
            .expect("log entries")
            .iter()
            .filter(|entry| entry["level"] == "SEVERE")
            // The browser asks for /favicon.ico on its own; the app has none (a 404, not the
            // page's doing).
            .filter(|entry| !entry["message"].as_str().is_some_and(|m| m.contains("/favicon.ico ")))
            .cloned()
            .collect();
        assert!(errors.is_empty(), "{name}: errors in the console: {errors:?}");

        let requested = self.script(REQUESTED).await;
        let urls = requested.as_array().expect("request URLs");
        assert!(!urls.is_empty(), "{name}: the browser recorded its requests");
        let prefix = format!("{}/", self.base);
        let elsewhere: Vec<&Value> =
            urls.iter().filter(|u| !u.as_str().is_some_and(|u| u.starts_with(&prefix))).collect();
        assert!(elsewhere.is_empty(), "{name}: requests beyond the server: {elsewhere:?}");
    }
}

/// How much larger the window is than the page in it.
const FRAME: &str = "return { width: outerWidth - innerWidth, height: outerHeight - innerHeight };";

/// The chart's rendered size.
const SIZE_OF_CHART: &str = "const r = document.querySelector('figure.timeline svg').getBoundingClientRect();
     return { width: r.width, height: r.height };";

/// The land image's rendered size.
const SIZE_OF_LAND: &str = "const r = document.querySelector('figure.map svg image').getBoundingClientRect();
     return { width: r.width, height: r.height };";

/// The statuses of the page's requests for the land, then the land loaded as an image (from the
/// cache by now) and its natural size.
const LOAD_LAND: &str = "const done = arguments[arguments.length - 1];
     const url = new URL(document.querySelector('figure.map svg image').getAttribute('href'), location).href;
     const requested = performance.getEntriesByName(url).map(e => e.responseStatus);
     const probe = new Image();
     probe.onload = () => done({ requested, width: probe.naturalWidth, height: probe.naturalHeight });
     probe.onerror = () => done({ requested, error: 'not an image' });
     probe.src = url;";

/// Every URL the page requested: the page itself and what it loaded.
const REQUESTED: &str = "return performance.getEntriesByType('navigation')
     .concat(performance.getEntriesByType('resource')).map(e => e.name);";

/// A PNG's width and height, from its header.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    let header = png.get(..24)?;
    if &header[..8] != b"\x89PNG\r\n\x1a\n" || &header[12..16] != b"IHDR" {
        return None;
    }
    let number = |at: usize| header[at..at + 4].try_into().ok().map(u32::from_be_bytes);
    Some((number(16)?, number(20)?))
}

/// chromedriver's log of the browser's console (asked for with `goog:loggingPrefs`), emptied as
/// it is read. Not part of W3C WebDriver, so fantoccini has no call for it.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}
