//! Installing on a Linux laptop: the desktop entry is valid (`desktop-file-validate`, from
//! Debian's desktop-file-utils), and `assets/install-linux.sh` puts the entry (naming the
//! binary in full), the icon and the MIME type for `.ron` files under `$XDG_DATA_HOME`,
//! touching nothing else.
//!
//! Without desktop-file-validate on the machine the validation is skipped with a note,
//! unless `MONEYMAP_REQUIRE_TOOLS=1` (CI installs it and sets that), when it fails.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

fn assets() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

/// Runs desktop-file-validate on `file`: its complaints, or None when the tool is absent
/// (and not required).
fn validate(file: &Path) -> Option<String> {
    match Command::new("desktop-file-validate").arg(file).output() {
        Ok(out) => Some(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
        .filter(|_| !out.status.success())
        .or(Some(String::new())),
        Err(_) if std::env::var_os("MONEYMAP_REQUIRE_TOOLS").is_some() => {
            panic!("desktop-file-validate is required (apt-get install desktop-file-utils)")
        }
        Err(_) => {
            // Straight to stderr: libtest swallows an `eprintln!` of a passing test.
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "skipped desktop-file-validate: not installed (CI installs it and sets MONEYMAP_REQUIRE_TOOLS=1)"
            );
            None
        }
    }
}

#[test]
fn the_desktop_entry_is_valid() {
    let entry = assets().join("moneymap.desktop");
    let text = std::fs::read_to_string(&entry).unwrap();
    assert!(text.contains("\nExec=moneymap %f\n"), "{text}");
    assert!(text.contains("\nMimeType=application/x-moneymap-dataset;\n"));
    if let Some(problems) = validate(&entry) {
        assert_eq!(problems, "", "desktop-file-validate");
    }
}

#[test]
fn the_install_script_puts_entry_icon_and_mime_type_under_xdg_data_home() {
    let data = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_moneymap");
    let out = Command::new("sh")
        .arg(assets().join("install-linux.sh"))
        .env("XDG_DATA_HOME", data.path())
        .env("MONEYMAP_BIN", bin)
        .output()
        .expect("sh runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entry = data.path().join("applications/moneymap.desktop");
    let icon = data.path().join("icons/hicolor/128x128/apps/moneymap.png");
    let mime = data.path().join("mime/packages/moneymap.xml");
    let printed: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        printed,
        [&entry, &icon, &mime].map(|p| p.display().to_string())
    );
    let text = std::fs::read_to_string(&entry).unwrap();
    assert!(text.contains(&format!("\nExec={bin} %f\n")), "{text}");
    assert_eq!(
        std::fs::read(&icon).unwrap(),
        std::fs::read(assets().join("icon.png")).unwrap()
    );
    assert!(
        std::fs::read_to_string(&mime)
            .unwrap()
            .contains("<glob pattern=\"*.ron\"/>")
    );
    if let Some(problems) = validate(&entry) {
        assert_eq!(problems, "", "the installed entry");
    }
    // Without the binary on the PATH and no MONEYMAP_BIN: a clear refusal, nothing written.
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new("sh")
        .arg(assets().join("install-linux.sh"))
        .env("XDG_DATA_HOME", empty.path())
        .env("PATH", "/usr/bin:/bin")
        .env_remove("MONEYMAP_BIN")
        .output()
        .expect("sh runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cargo install --locked --path ."));
    assert_eq!(std::fs::read_dir(empty.path()).unwrap().count(), 0);
}
