//! `newsgraph section add|list|remove`: a user's own section of the stories naming chosen
//! entities, beside the defaults.

use crate::common::{EXAMPLE_PAGE, Sandbox, json_lines};

#[test]
fn sections_are_added_by_entity_names_listed_and_removed() {
    let sandbox = Sandbox::new();
    sandbox.run_ok(&["import", EXAMPLE_PAGE]);
    let defaults = json_lines(&sandbox.run_ok(&["section", "list", "--json"]));
    assert_eq!(defaults.len(), 8);
    assert_eq!(defaults[0]["slug"], "latest");

    let added =
        sandbox.run_ok(&["section", "add", "Russia-Ukraine", "--entity", "Russia", "--entity", "ukraine"]);
    assert!(added.contains("/sections/russia-ukraine"), "{added}");
    let listed = json_lines(&sandbox.run_ok(&["section", "list", "--json"]));
    let mine = listed.last().expect("listed");
    assert_eq!(mine["slug"], "russia-ukraine");
    assert_eq!(mine["position"], 8, "after the defaults");
    assert_eq!(mine["rule"]["kind"], "query");
    assert_eq!(mine["rule"]["entities"].as_array().map(Vec::len), Some(2));

    let unknown = sandbox.run(&["section", "add", "Mars", "--entity", "Planet Mars"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no entity is named"));
    let empty = sandbox.run(&["section", "add", "Empty"]);
    assert!(String::from_utf8_lossy(&empty.stderr).contains("needs --query words or --entity"));
    let words =
        sandbox.run_ok(&["section", "add", "Troops", "--query", "troops OR soldiers", "--position", "2"]);
    assert!(words.contains("/sections/troops"), "{words}");

    let digest = sandbox.run_ok(&["digest", "--section", "troops", "--date", "2022-12-19"]);
    assert!(digest.starts_with("# Daily digest: 2022-12-19 · Troops"), "{digest}");
    let nowhere = sandbox.run(&["digest", "--section", "nowhere"]);
    assert_eq!(nowhere.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("there is no section"));

    assert!(sandbox.run_ok(&["section", "remove", "russia-ukraine"]).contains("removed"));
    let again = sandbox.run(&["section", "remove", "russia-ukraine"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(json_lines(&sandbox.run_ok(&["section", "list", "--json"])).len(), 9);
}
