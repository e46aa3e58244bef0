//! The dead ends of the window, closed: a file dialog that cannot open gives moneymap's
//! own file browser (and says why, once) instead of silence or a false "cancelled", and
//! a double click on a folder there does not open the file that takes its place; a
//! file that failed to load stays the watched, reloadable, recent file; F5 on an unchanged
//! file says so; an example opened last is opened at the next start.
//!
//! Dialogs are injected: `UnavailableDialogs` fails like a desktop with no portal and no
//! zenity, `NoDialogs` answers like a user pressing Cancel.

// Test helpers unwrap known-good fixtures: a panic is the test failure.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use moneymap::charts::ChartKind;
use moneymap::charts::theme::ThemeChoice;
use moneymap::model;
use moneymap::ui::startup::first_actions;
use moneymap::ui::tasks::{NoDialogs, UnavailableDialogs};
use moneymap::ui::{Action, Dashboard, Document, Event, ExportTarget, ViewState};

mod common;
use common::{harness, settle, write};

fn no_portal() -> UnavailableDialogs {
    UnavailableDialogs("no desktop portal and no zenity".into())
}

#[test]
fn open_without_a_native_dialog_opens_the_file_browser_and_loads_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let ericsson = write(dir.path(), "ericsson.ron", model::ERICSSON_RON);
    write(dir.path(), "notes.txt", "not a dataset");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    // Saved settings name the last folder a dialog was in.
    let view = ViewState {
        theme: ThemeChoice::Light,
        browse_dir: Some(dir.path().to_path_buf()),
        ..ViewState::default()
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .build_ui_state(
            |ui, d: &mut Dashboard| d.ui(ui),
            Dashboard::new(Document::builtin(), view),
        );
    h.run();
    h.state_mut().apply([Action::OpenDialog]);
    settle(&mut h, &no_portal());
    // Said once, not "cancelled".
    let status = h.state().status().to_owned();
    assert!(
        status.starts_with("No file dialog on this desktop (no desktop portal and no zenity)"),
        "{status}"
    );
    assert!(!status.contains("cancelled"), "{status}");
    assert!(h.state().browser().is_some(), "the browser is open");
    // It starts in the last folder used and lists folders and datasets only.
    h.get_by_label("Open: choose a file");
    h.get_by_label("[folder]  sub");
    assert!(
        h.query_by_label("notes.txt").is_none(),
        "filtered by extension"
    );
    h.get_by_label("ericsson.ron").click();
    h.run();
    h.get_by_label("Open").click();
    h.step();
    settle(&mut h, &no_portal());
    assert!(h.state().browser().is_none(), "closed");
    assert_eq!(h.state().document().dataset.company, "Ericsson");
    assert_eq!(
        h.state().document().path.as_deref(),
        Some(ericsson.as_path())
    );
    assert_eq!(h.state().view().browse_dir.as_deref(), Some(dir.path()));
    // The next dialog goes straight to the browser, without saying it again.
    let before = h.state().status().to_owned();
    h.state_mut().apply([Action::CompareDialog]);
    assert!(h.state().browser().is_some(), "straight to the browser");
    assert!(
        h.state()
            .tasks()
            .iter()
            .all(|t| !matches!(t, moneymap::ui::Task::Dialog(_)))
    );
    assert_eq!(h.state().status(), before);
}

#[test]
fn the_browser_types_paths_goes_up_and_saves_a_chart() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("charts");
    std::fs::create_dir(&out).unwrap();
    let mut h = harness(Document::builtin());
    h.run();
    h.state_mut()
        .apply([Action::Export(ChartKind::Margins, ExportTarget::File)]);
    settle(&mut h, &no_portal());
    h.get_by_label("Export: save as");
    // A path in the path field, then Enter: that folder is listed.
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Path")
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Path")
        .type_text(&out.display().to_string());
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Path")
        .focus();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    settle(&mut h, &no_portal());
    let b = h.state().browser().expect("still open").clone();
    assert_eq!(b.dir, out);
    assert_eq!(b.name, "twilio-margins-2024.png", "the suggested name");
    // Up goes to the parent.
    h.get_by_label("Up").click();
    h.run();
    settle(&mut h, &no_portal());
    assert_eq!(h.state().browser().as_ref().unwrap().dir, dir.path());
    h.get_by_label("[folder]  charts").click();
    h.run();
    settle(&mut h, &no_portal());
    h.get_by_label("Save").click();
    h.step();
    settle(&mut h, &no_portal());
    let written = out.join("twilio-margins-2024.png");
    assert!(written.is_file(), "{}", h.state().status());
    assert_eq!(h.state().status(), format!("Saved {}", written.display()));
}

#[test]
fn cancelled_is_said_only_when_the_user_cancelled() {
    let mut h = harness(Document::builtin());
    h.run();
    // A native dialog the user cancels.
    h.state_mut().apply([Action::ExportAll]);
    settle(&mut h, &NoDialogs);
    assert_eq!(h.state().status(), "Export cancelled");
    assert!(h.state().browser().is_none());
    // The browser cancelled.
    h.state_mut().apply([Action::SaveScenario]);
    settle(&mut h, &no_portal());
    assert!(
        h.state()
            .status()
            .starts_with("No file dialog on this desktop")
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().status(), "Save scenario cancelled");
    assert!(h.state().browser().is_none());
}

/// `moneymap bad.ron`, then the file is fixed: F5 (or the watcher) loads it, because the
/// file that failed is still the file worked on, and it is in Recent.
#[test]
fn a_file_that_failed_at_start_can_be_fixed_and_reloaded() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "acme.ron", "(company: \"Acme\", revenu: 1)");
    let mut h = harness(Document::builtin());
    h.state_mut()
        .apply(first_actions(Some(bad.clone()), &ViewState::default()));
    settle(&mut h, &NoDialogs);
    assert!(h.state().error().is_some(), "the error panel shows");
    assert_eq!(
        h.state().document().dataset.company,
        "Twilio",
        "dataset kept"
    );
    // The built-in dataset left on screen does not pass for the file that failed.
    h.get_by_label(
        "Could not load the file; on screen is the built-in Twilio example, not this file.",
    );
    let status = h.state().status().to_owned();
    assert!(
        status.ends_with(": the built-in Twilio example is on screen"),
        "{status}"
    );
    assert_eq!(h.state().file(), Some(bad.as_path()), "watched");
    assert_eq!(h.state().view().recent.first(), Some(&bad), "in Recent");
    std::fs::write(&bad, model::ERICSSON_RON.replace("Ericsson", "Acme")).unwrap();
    h.state_mut().apply([Action::Reload]);
    settle(&mut h, &NoDialogs);
    assert!(h.state().error().is_none(), "cleared");
    assert_eq!(h.state().document().dataset.company, "Acme");
    assert_eq!(h.state().status(), "Reloaded acme.ron");
    // The watcher path too: a change on disk reloads it.
    std::fs::write(&bad, "broken").unwrap();
    h.state_mut().handle(Event::FileChanged(bad.clone()));
    settle(&mut h, &NoDialogs);
    assert!(h.state().error().is_some());
    h.get_by_label("Could not load the file; the dataset on screen is unchanged.");
    std::fs::write(&bad, model::ERICSSON_RON).unwrap();
    h.state_mut().handle(Event::FileChanged(bad.clone()));
    settle(&mut h, &NoDialogs);
    assert_eq!(h.state().document().dataset.company, "Ericsson");
    assert_eq!(h.state().status(), "Reloaded acme.ron (changed on disk)");
}

#[test]
fn f5_on_an_unchanged_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "e.ron", model::ERICSSON_RON);
    let mut h = harness(moneymap::ui::load_document(&p).unwrap());
    h.run();
    h.state_mut().apply([Action::Reload]);
    settle(&mut h, &NoDialogs);
    assert_eq!(h.state().status(), "Reloaded e.ron (no changes)");
}

#[test]
fn an_example_opened_last_opens_at_the_next_start() {
    let mut h = harness(Document::builtin());
    h.run();
    h.state_mut()
        .apply([Action::OpenExample("ericsson.ron".into())]);
    let view = h.state().view().clone();
    assert_eq!(view.last_example.as_deref(), Some("ericsson.ron"));
    assert_eq!(
        first_actions(None, &view),
        vec![Action::OpenExample("ericsson.ron".into())]
    );
    // A file opened afterwards wins.
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "t.ron", model::TWILIO_REPORTED_RON);
    h.state_mut().apply([Action::Open(p.clone())]);
    settle(&mut h, &NoDialogs);
    let view = h.state().view().clone();
    assert_eq!(view.last_example, None);
    assert_eq!(first_actions(None, &view), vec![Action::Open(p)]);
}

/// A double click on a folder goes into it; the second click lands on whatever the new
/// listing puts under the pointer, and must not open it (a file used to open when it
/// took the folder's place). Once the listing has been on screen a moment, a double
/// click on a file opens it. The harness steps 1/60 s per event, as a real pointer
/// would (its default 1/4 s step is too slow for a double click to register).
#[test]
fn a_double_click_on_a_folder_does_not_open_the_file_that_takes_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let ericsson = write(&sub, "ericsson.ron", model::ERICSSON_RON);
    let view = ViewState {
        browse_dir: Some(dir.path().to_path_buf()),
        ..ViewState::default()
    };
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 720.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            |ui, d: &mut moneymap::ui::Dashboard| d.ui(ui),
            moneymap::ui::Dashboard::new(Document::builtin(), view),
        );
    h.run();
    h.state_mut().apply([Action::OpenDialog]);
    settle(&mut h, &no_portal());
    for _ in 0..40 {
        h.step();
    }
    let at = h.get_by_label("[folder]  sub").rect().center();
    let press = |h: &mut egui_kittest::Harness<'_, moneymap::ui::Dashboard>, pressed| {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    };
    // First click: into the folder, whose listing is read (a task) before the second.
    h.event(egui::Event::PointerMoved(at));
    h.step();
    press(&mut h, true);
    press(&mut h, false);
    settle(&mut h, &no_portal());
    let file = h.get_by_label("ericsson.ron").rect();
    assert!(file.contains(at), "the file now sits where the folder was");
    // Second click of the double click, within egui's double-click delay.
    press(&mut h, true);
    press(&mut h, false);
    settle(&mut h, &no_portal());
    assert!(h.state().browser().is_some(), "the browser is still open");
    assert_eq!(
        h.state().document().dataset.company,
        "Twilio",
        "nothing opened"
    );
    // A moment later, a real double click on the file opens it.
    for _ in 0..40 {
        h.step();
    }
    for _ in 0..2 {
        press(&mut h, true);
        press(&mut h, false);
    }
    settle(&mut h, &no_portal());
    settle(&mut h, &no_portal());
    assert!(h.state().browser().is_none(), "opened by a double click");
    assert_eq!(
        h.state().document().path.as_deref(),
        Some(ericsson.as_path())
    );
}

/// A file that reads but fails validation may have more errors than the one the window
/// shows: the panel says which command lists them all. A syntax error stops the reading,
/// so it has no such line.
#[test]
fn the_error_panel_points_to_check_for_the_other_errors() {
    let dir = tempfile::tempdir().unwrap();
    let invalid = write(
        dir.path(),
        "two.ron",
        &model::ERICSSON_RON
            .replacen("revenue: 271546", "revenue: inf", 1)
            .replacen("{ \"Networks\": 171442", "{ \"Netwerks\": 171442", 1),
    );
    let mut h = harness(Document::builtin());
    h.state_mut().apply([Action::Open(invalid.clone())]);
    settle(&mut h, &NoDialogs);
    h.get_by_label(&format!(
        "This is the file's first error: `moneymap check {}` lists every one at once.",
        invalid.display()
    ));
    let syntax = write(dir.path(), "syntax.ron", "(company: \"Acme\", revenu: 1)");
    h.state_mut().apply([Action::Open(syntax)]);
    settle(&mut h, &NoDialogs);
    assert!(
        h.query_by_label_contains("lists every one at once")
            .is_none()
    );
}
