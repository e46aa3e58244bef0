//! The layers point one way (`src/lib.rs` draws the map): this test reads every source
//! file and fails on an import against the direction, and on a source file grown past
//! the size the structure allows.
//!
//! - `model` imports no egui/eframe and no other layer of the crate;
//! - `charts` imports neither `ui`, `render` nor `cli`;
//! - `render` imports nothing of the crate but itself (it depends on egui alone);
//! - `fs` is a leaf;
//! - `import` (when present) sits beside the model: it may use `model` and `fs` only;
//! - `ui` does not import `cli`.

// Test helpers unwrap known-good files: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

/// Layers and what each may not import: crate modules and external crates.
const RULES: &[(&str, &[&str], &[&str])] = &[
    (
        "model",
        &["charts", "ui", "render", "cli", "import"],
        &["egui", "eframe", "egui_plot", "rfd"],
    ),
    (
        "charts",
        &["ui", "render", "cli", "import"],
        &["eframe", "rfd"],
    ),
    (
        "render",
        &["model", "charts", "ui", "cli", "import", "fs"],
        &["eframe", "egui_plot", "rfd"],
    ),
    (
        "fs",
        &["model", "charts", "ui", "render", "cli", "import"],
        &["egui", "eframe", "egui_plot", "rfd"],
    ),
    (
        "import",
        &["charts", "ui", "render", "cli"],
        &["egui", "eframe", "egui_plot", "rfd"],
    ),
    ("ui", &["cli"], &[]),
];

/// Longest source file allowed, in lines.
const MAX_LINES: usize = 450;
/// Files allowed past [`MAX_LINES`] because each still does one thing: the rasteriser's
/// inner loops.
const LONG_FILES_ALLOWED: &[&str] = &["src/render/raster.rs"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a source file: `src/model/scenario/saved.rs` -> `model::scenario::saved`;
/// `mod.rs` and `lib.rs` stand for their folder.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .skip(1)
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Source text without comments (doc comments may name other layers freely).
fn code_only(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::`/`super::`/`self::` path in `code`, resolved to the top-level module it
/// names (`super::super::super::ui` from `model::scenario::saved` is `ui`), and the first
/// segment of every other path (external crates). `use a::{b, c}` counts `a::b` and `a::c`.
fn references(module: &[String], code: &str) -> (Vec<String>, Vec<String>) {
    let mut internal = Vec::new();
    let mut external = Vec::new();
    let bytes = code.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let starts_path = ident(bytes[i])
            && !bytes[i].is_ascii_digit()
            && (i == 0 || !(ident(bytes[i - 1]) || bytes[i - 1] == b':'));
        if !starts_path {
            i += 1;
            continue;
        }
        let mut segs: Vec<&str> = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < bytes.len() && ident(bytes[j]) {
                j += 1;
            }
            segs.push(&code[start..j]);
            if code[j..].starts_with("::") && bytes.get(j + 2).is_some_and(|b| ident(*b)) {
                j += 2;
            } else {
                break;
            }
        }
        // `prefix::{a::x, b}`: the first identifier of each item continues the prefix.
        let mut braced: Vec<&str> = Vec::new();
        if code[j..].starts_with("::{") {
            let open = j + 3;
            let mut depth = 1;
            let mut k = open;
            while k < bytes.len() && depth > 0 {
                match bytes[k] {
                    b'{' => depth += 1,
                    b'}' => depth -= 1,
                    _ => {}
                }
                k += 1;
            }
            let inner = &code[open..k.saturating_sub(1)];
            let mut level = 0;
            let mut item_start = true;
            for (n, c) in inner.char_indices() {
                match c {
                    '{' => level += 1,
                    '}' => level -= 1,
                    ',' if level == 0 => item_start = true,
                    c if item_start && (c.is_alphanumeric() || c == '_') => {
                        let end = inner[n..]
                            .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                            .map_or(inner.len(), |e| n + e);
                        braced.push(&inner[n..end]);
                        item_start = false;
                    }
                    _ => {}
                }
            }
        }
        let is_path = segs.len() > 1 || !braced.is_empty();
        if is_path {
            let (mut base, rest): (Vec<String>, &[&str]) = match segs[0] {
                "crate" => (Vec::new(), &segs[1..]),
                "self" => (module.to_vec(), &segs[1..]),
                "super" => {
                    let mut b = module.to_vec();
                    let ups = segs.iter().take_while(|s| **s == "super").count();
                    for _ in 0..ups {
                        b.pop();
                    }
                    (b, &segs[ups..])
                }
                other => {
                    external.push(other.to_owned());
                    i = j;
                    continue;
                }
            };
            base.extend(rest.iter().map(|s| (*s).to_owned()));
            match base.first() {
                Some(top) => internal.push(top.clone()),
                None => internal.extend(braced.iter().map(|s| (*s).to_owned())),
            }
        }
        i = j;
    }
    (internal, external)
}

fn violations(rel: &Path, text: &str) -> Vec<String> {
    let module = module_of(rel);
    let Some(layer) = module.first() else {
        return Vec::new();
    };
    let Some((_, crates, externs)) = RULES.iter().find(|(l, _, _)| l == layer) else {
        return Vec::new();
    };
    let (internal, external) = references(&module, &code_only(text));
    let mut out = Vec::new();
    for m in internal {
        if crates.contains(&m.as_str()) {
            out.push(format!("{}: `{layer}` imports crate::{m}", rel.display()));
        }
    }
    for e in external {
        if externs.contains(&e.as_str()) {
            out.push(format!("{}: `{layer}` uses the {e} crate", rel.display()));
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn layers_only_point_one_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 30, "found the sources");
    let mut all = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(root).expect("under the root");
        let text = std::fs::read_to_string(f).expect("read");
        all.extend(violations(rel, &text));
    }
    assert!(
        all.is_empty(),
        "imports against the layers:\n{}",
        all.join("\n")
    );
}

#[test]
fn no_source_file_is_longer_than_the_structure_allows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(root).expect("under the root");
            let lines = std::fs::read_to_string(f).expect("read").lines().count();
            let allowed = LONG_FILES_ALLOWED.iter().any(|a| Path::new(a) == rel);
            (lines > MAX_LINES && !allowed).then(|| format!("{}: {lines} lines", rel.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files:\n{}", long.join("\n"));
}

/// The checker itself catches each kind of wrong import (so a green run means something).
#[test]
fn the_checker_catches_wrong_imports() {
    let cases: &[(&str, &str, bool)] = &[
        ("src/model/metrics.rs", "use crate::ui::Dashboard;", true),
        ("src/model/metrics.rs", "use egui::Color32;", true),
        (
            "src/model/metrics.rs",
            "fn f() { let c = egui::Color32::RED; }",
            true,
        ),
        (
            "src/model/scenario/saved.rs",
            "use super::super::super::charts::Theme;",
            true,
        ),
        (
            "src/model/scenario/saved.rs",
            "use super::super::format;",
            false,
        ),
        (
            "src/model/metrics.rs",
            "use crate::{model::format, ui::Tab};",
            true,
        ),
        ("src/model/mod.rs", "use super::{render, fs};", true),
        ("src/model/mod.rs", "use super::render::Canvas;", true),
        (
            "src/model/scenario/saved.rs",
            "use super::{Scenario, trend};",
            false,
        ),
        (
            "src/model/scenario/saved.rs",
            "use crate::fs::WriteError;",
            false,
        ),
        ("src/charts/frame.rs", "use crate::render::png_bytes;", true),
        ("src/charts/frame.rs", "use crate::model::format;", false),
        ("src/render/mod.rs", "use crate::ui::Dashboard;", true),
        ("src/render/mod.rs", "use crate::charts::ChartKind;", true),
        ("src/render/raster.rs", "use super::Canvas;", false),
        ("src/fs.rs", "use crate::model::load;", true),
        ("src/ui/app.rs", "use crate::cli::Cli;", true),
        ("src/ui/app.rs", "use crate::render::render;", false),
        ("src/model/metrics.rs", "// see crate::ui::Dashboard", false),
        (
            "src/model/metrics.rs",
            "/// Unlike `egui::Color32`, a ratio",
            false,
        ),
    ];
    for (file, code, bad) in cases {
        let found = !violations(Path::new(file), code).is_empty();
        assert_eq!(found, *bad, "{file}: {code}");
    }
}
