use newsgraph_store::{SqliteStore, Store, StoreError, conformance};

#[test]
fn in_memory_store_conforms() {
    conformance::run(&SqliteStore::in_memory().expect("open"));
}

#[test]
fn file_store_conforms_and_survives_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("newsgraph.db");
    conformance::run(&SqliteStore::open(&path).expect("open"));
    let reopened = SqliteStore::open(&path).expect("reopen");
    assert!(reopened.count().expect("count") > 0, "data kept across opens");
}

#[test]
fn refuses_a_database_from_a_newer_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("newsgraph.db");
    drop(SqliteStore::open(&path).expect("open"));
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    conn.pragma_update(None, "user_version", 999).expect("bump");
    drop(conn);
    match SqliteStore::open(&path) {
        Err(StoreError::TooNew { found: 999, .. }) => {}
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("opened a database from the future"),
    }
}
