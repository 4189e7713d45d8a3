//! `newsgraph import FILE.warc.gz`, run as a user would.

use crate::common::Sandbox;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../pipeline/testdata/sample-0001.warc.gz");

#[test]
fn import_reads_a_warc_archive_and_reports_its_records() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["import", "--json", SAMPLE]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).expect("summary json");
    assert_eq!(summary["warc"]["records"], 34, "{summary}");
    assert_eq!(summary["warc"]["pages"], 15, "{summary}");
    assert!(summary["imported"].as_u64().is_some_and(|n| n >= 10), "{summary}");
    assert!(stderr.contains("read 34 WARC records (15 pages, 19 skipped) in "), "{stderr}");
    assert!(stderr.contains(" records/s)"), "{stderr}");
    // Pages without article text are failures, named by record: the exit code says so.
    let failed = summary["failed"].as_array().expect("failures");
    assert_eq!(output.status.success(), failed.is_empty(), "{stderr}");
    for failure in failed {
        assert!(failure["location"].as_str().is_some_and(|l| l.contains(".warc.gz#record ")), "{failure}");
    }

    let stats = sandbox.stats();
    assert_eq!(stats["articles"], summary["imported"], "{stats}");
    let again = sandbox.run(&["import", "--json", SAMPLE]);
    let again: serde_json::Value = serde_json::from_slice(&again.stdout).expect("summary json");
    assert_eq!(again["imported"], 0, "{again}");
}
