//! What the Python peers have in common: running an embedded script with the configured
//! interpreter (input written from another thread, so a chatty peer cannot block on a full
//! pipe), telling "not installed" from "failed" by its exit, and reporting a peer that gave no
//! row.

use std::ffi::OsStr;
use std::io::Write;
use std::process::{Command, ExitCode, Stdio};

/// A peer script's exit code when its library or model cannot be loaded.
const MISSING: i32 = 3;

pub enum Outcome<T> {
    Ran(T),
    /// Python, the library or its model is missing: the reason, in one line.
    Unavailable(String),
    /// The peer started but did not produce a result.
    Failed(String),
}

impl<T> Outcome<T> {
    pub fn and_then<U>(self, next: impl FnOnce(T) -> Outcome<U>) -> Outcome<U> {
        match self {
            Outcome::Ran(value) => next(value),
            Outcome::Unavailable(reason) => Outcome::Unavailable(reason),
            Outcome::Failed(reason) => Outcome::Failed(reason),
        }
    }
}

/// What a script that exited cleanly printed: its standard output, and the last line it wrote
/// to standard error (where the scripts put their timing).
pub struct Finished {
    pub stdout: Vec<u8>,
    pub last_line: String,
}

/// Runs `script` with `python -c`, its arguments `args` and `input` on standard input.
pub fn run_script(python: &str, script: &str, args: &[&OsStr], input: Vec<u8>) -> Outcome<Finished> {
    let child = Command::new(python)
        .arg("-c")
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Outcome::Unavailable(format!("{python} not found (set NEWSGRAPH_PYTHON or --python)"));
        }
        Err(error) => return Outcome::Failed(format!("cannot run {python}: {error}")),
    };
    let writer = child.stdin.take().map(|mut stdin| {
        std::thread::spawn(move || {
            // A peer that exits early closes the pipe; its exit status says why.
            let _ = stdin.write_all(&input);
        })
    });
    let output = match child.wait_with_output() {
        Ok(output) => output,
        Err(error) => return Outcome::Failed(format!("{python} did not finish: {error}")),
    };
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last_line =
        stderr.lines().rev().find(|line| !line.trim().is_empty()).unwrap_or("").trim().to_string();
    match output.status.code() {
        Some(0) => Outcome::Ran(Finished { stdout: output.stdout, last_line }),
        Some(MISSING) => Outcome::Unavailable(last_line),
        // A missing library is an ImportError before the script can say anything of its own.
        _ if last_line.contains("No module named") => Outcome::Unavailable(last_line),
        _ => Outcome::Failed(format!("{python} exited with {}: {last_line}", output.status)),
    }
}

/// The peer's result, or `None` after saying why there is none: a note on how to install it
/// (`install`, a pip command line), or an error that also makes the command fail.
pub fn ran<T>(outcome: Outcome<T>, peer: &str, install: &str, exit: &mut ExitCode) -> Option<T> {
    match outcome {
        Outcome::Ran(value) => Some(value),
        Outcome::Unavailable(reason) => {
            eprintln!("note: no {peer} row ({reason}); to compare, install it: {install}");
            None
        }
        Outcome::Failed(reason) => {
            eprintln!("error: the {peer} peer failed: {reason}");
            *exit = ExitCode::FAILURE;
            None
        }
    }
}

/// The number given as `name=N` in a script's timing line (`documents=84 seconds=13.9`).
pub fn field(line: &str, name: &str) -> Option<f64> {
    line.split_whitespace().find_map(|field| match field.split_once('=') {
        Some((key, value)) if key == name => value.parse().ok(),
        _ => None,
    })
}
