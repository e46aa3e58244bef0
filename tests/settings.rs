//! The settings file survives faults: missing, damaged, truncated, not text, or not a
//! file at all, the app starts with defaults, says what happened, and keeps a `.bad`
//! copy instead of overwriting it; saves are atomic and happen off the UI thread.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use moneymap::charts::theme::ThemeChoice;
use moneymap::ui::settings::{self, Saver, Settings};
use std::path::PathBuf;
use std::sync::mpsc::channel;

fn changed_settings() -> Settings {
    let mut s = Settings::default();
    s.view.theme = ThemeChoice::Dark;
    s.view.recent = vec![PathBuf::from("/data/a.ron"), PathBuf::from("/data/b.ron")];
    s.view.last_path = Some(PathBuf::from("/data/a.ron"));
    s.view.export_scale = 3.0;
    s.window_size = Some((1440.0, 900.0));
    s
}

#[test]
fn a_missing_file_gives_defaults_silently() {
    let dir = tempfile::tempdir().unwrap();
    let r = settings::load(&dir.path().join("settings.ron"));
    assert_eq!(r.settings, Settings::default());
    assert!(r.notice.is_none());
    assert!(r.save_enabled);
}

#[test]
fn saved_settings_load_back_identical_and_leave_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("settings.ron");
    settings::save(&path, &changed_settings()).unwrap();
    settings::save(&path, &changed_settings()).unwrap(); // over an existing file
    let r = settings::load(&path);
    assert_eq!(r.settings, changed_settings());
    assert!(r.notice.is_none());
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["settings.ron".to_owned()]);
}

#[test]
fn a_truncated_file_starts_with_defaults_and_is_kept_as_bad() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.ron");
    settings::save(&path, &changed_settings()).unwrap();
    let full = std::fs::read(&path).unwrap();
    let truncated = &full[..full.len() / 2];
    std::fs::write(&path, truncated).unwrap();

    let r = settings::load(&path);
    assert_eq!(r.settings, Settings::default());
    assert!(r.save_enabled);
    let notice = r.notice.expect("the user is told");
    let bad = dir.path().join("settings.ron.bad");
    assert!(notice.contains("were damaged"), "{notice}");
    assert!(notice.contains(&bad.display().to_string()), "{notice}");
    // The position of the damage is in the message ("line:col: ...").
    let after_paren = notice.split('(').nth(1).unwrap();
    let mut pos = after_paren.split(':');
    assert!(pos.next().unwrap().parse::<usize>().is_ok(), "{notice}");
    assert!(pos.next().unwrap().parse::<usize>().is_ok(), "{notice}");
    assert_eq!(std::fs::read(&bad).unwrap(), truncated);

    // The next save replaces the damaged file atomically; the .bad copy stays.
    settings::save(&path, &changed_settings()).unwrap();
    assert_eq!(settings::load(&path).settings, changed_settings());
    assert_eq!(std::fs::read(&bad).unwrap(), truncated);
}

#[test]
fn garbage_and_non_utf8_are_kept_as_bad() {
    for (bytes, expect) in [
        (&b"this is not RON at all"[..], "were damaged"),
        (&b"(view: (theme: \xff))"[..], "not UTF-8 text at byte 15"),
        (&b"(view: (theme: Purple))"[..], "Purple"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        std::fs::write(&path, bytes).unwrap();
        let r = settings::load(&path);
        assert_eq!(r.settings, Settings::default());
        let notice = r.notice.unwrap();
        assert!(notice.contains(expect), "{notice}");
        assert_eq!(
            std::fs::read(settings::bad_copy_path(&path)).unwrap(),
            bytes
        );
    }
}

#[test]
fn older_files_with_unknown_or_missing_fields_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.ron");
    std::fs::write(
        &path,
        "(view: (theme: Dark, from_a_newer_version: 1), window_size: Some((1000.0, 700.0)))",
    )
    .unwrap();
    let r = settings::load(&path);
    assert!(r.notice.is_none(), "{:?}", r.notice);
    assert_eq!(r.settings.view.theme, ThemeChoice::Dark);
    assert_eq!(r.settings.window_size, Some((1000.0, 700.0)));
    assert_eq!(r.settings.view.export_size, (1600, 900));
}

#[test]
fn an_unreadable_settings_path_disables_saving() {
    // A directory where the file should be: reading fails whoever we run as.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.ron");
    std::fs::create_dir(&path).unwrap();
    let r = settings::load(&path);
    assert_eq!(r.settings, Settings::default());
    assert!(!r.save_enabled);
    let notice = r.notice.unwrap();
    assert!(notice.contains("could not be read"), "{notice}");
    assert!(notice.contains("will not save settings"), "{notice}");
    assert!(path.is_dir());
}

#[test]
fn a_failed_save_is_reported_and_leaves_the_old_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a directory: the write must fail with the path in the message.
    let as_dir = dir.path().join("settings.ron");
    std::fs::create_dir(&as_dir).unwrap();
    let err = settings::save(&as_dir, &changed_settings())
        .unwrap_err()
        .to_string();
    assert!(err.contains("is a directory"), "{err}");
    // A folder that cannot be created (its parent is a file).
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    let err = settings::save(&blocker.join("settings.ron"), &changed_settings())
        .unwrap_err()
        .to_string();
    assert!(err.contains(&blocker.display().to_string()), "{err}");
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "x");
}

#[test]
fn the_saver_writes_the_newest_settings_when_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.ron");
    // Unchanged settings are not written at all.
    let mut unchanged = Saver::start(path.clone(), Settings::default(), |_| {});
    unchanged.offer(&Settings::default().view, None);
    drop(unchanged);
    assert!(!path.exists(), "unchanged settings written");
    let (tx, rx) = channel();
    let mut saver = Saver::start(path.clone(), Settings::default(), move |m| {
        let _ = tx.send(m);
    });
    saver.offer(&Settings::default().view, None);
    let mut s = changed_settings();
    s.view.export_scale = 1.0;
    saver.offer(&s.view, s.window_size);
    let newest = changed_settings();
    saver.offer(&newest.view, newest.window_size);
    drop(saver);
    assert_eq!(settings::load(&path).settings, newest);
    assert!(rx.try_recv().is_err(), "no error expected");
}

#[test]
fn the_saver_reports_a_failed_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.ron");
    std::fs::create_dir(&path).unwrap();
    let (tx, rx) = channel();
    let mut saver = Saver::start(path, Settings::default(), move |m| {
        let _ = tx.send(m);
    });
    let s = changed_settings();
    saver.offer(&s.view, s.window_size);
    drop(saver);
    let e = rx.try_recv().expect("the failure is reported");
    // What the status line shows, formatted where every event is.
    let mut d = moneymap::ui::Dashboard::new(
        moneymap::ui::Document::builtin(),
        moneymap::ui::ViewState::default(),
    );
    d.handle(moneymap::ui::Event::SettingsNotSaved(e));
    let msg = d.status();
    assert!(msg.starts_with("Could not save settings:"), "{msg}");
    assert!(msg.contains("is a directory"), "{msg}");
}
