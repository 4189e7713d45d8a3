//! `newsgraph fetch`: pages named on the command line or in a list, fetched once from the
//! test's own server on 127.0.0.1 and stored; a loopback page is refused before connecting
//! unless allowed; failures are listed with their reasons and exit code 3.

use crate::common::{Loopback, Reply, Sandbox};

const PAGE: &str = "<html><head><title>Ferries stop</title></head><body><article><h1>Ferries stop</h1>\
<p>The ferries between the islands stopped on Monday as a storm reached the coast, the port authority said.</p>\
<p>Fishermen kept their boats in the harbour, and schools on the islands closed until Wednesday.</p>\
</article></body></html>";

fn server() -> Loopback {
    Loopback::start(|path| match path {
        "/robots.txt" => Reply::ok("text/plain", "User-agent: *\nAllow: /\n"),
        "/ferries" | "/again" => Reply::ok("text/html; charset=utf-8", PAGE.replace("islands", &path[1..])),
        _ => Reply::status(404),
    })
}

#[test]
fn pages_from_arguments_and_a_list_are_stored_and_failures_listed() {
    let site = server();
    let sandbox = Sandbox::new();
    let list =
        sandbox.write("urls.txt", format!("# to read\n{}\n\n{}\n", site.url("/again"), site.url("/gone")));
    let output = sandbox
        .command(&["fetch", "--allow-private", "--host-delay-ms", "0", "--json", &site.url("/ferries")])
        .arg("--list")
        .arg(&list)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(3), "a page failed: {}", String::from_utf8_lossy(&output.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON summary");
    assert_eq!(summary["sources"], 3, "{summary}");
    assert_eq!(summary["imported"], 2, "{summary}");
    assert_eq!(summary["failed"][0]["url"], site.url("/gone"));
    assert!(summary["failed"][0]["reason"].as_str().unwrap_or("").contains("404"), "{summary}");
    assert_eq!(sandbox.stats()["articles"], 2);

    // Fetched again, unchanged: nothing new.
    let again = sandbox.run_ok(&["fetch", "--allow-private", "--host-delay-ms", "0", &site.url("/ferries")]);
    assert!(again.contains("0 new articles"), "{again}");
    assert_eq!(site.hits("/ferries"), 2);
}

#[test]
fn a_loopback_page_is_refused_before_connecting_by_default() {
    let site = server();
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["fetch", &site.url("/ferries")]);
    assert_eq!(output.status.code(), Some(3));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("0 new articles"), "{stdout}");
    assert_eq!(site.hits("/ferries") + site.hits("/robots.txt"), 0, "no connection was made");
}

#[test]
fn fetch_without_urls_or_with_an_empty_list_says_so() {
    let sandbox = Sandbox::new();
    let none = sandbox.run(&["fetch"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no URL to fetch"));
    let list = sandbox.write("empty.txt", "# nothing\nnot a url\n");
    let empty = sandbox.run(&["fetch", "--list", list.to_str().expect("path")]);
    assert_eq!(empty.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("holds no http or https URL"));
}
