//! Reading an SEC companyfacts JSON file: `serde_json` over the bytes, keeping only the
//! concepts the rules of [`super::sec`] name and skipping every other one without
//! building values (a 3.5 MB file reads in a few ms). The JSON path is tracked as the
//! reader descends, so a value of the wrong type is reported at its path
//! (`facts.us-gaap.Revenues.units.USD[3]`), and a truncated file at its line:column.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::error::{ImportError, ImportErrorKind};
use super::sec::{CAPITALISED_SOFTWARE, IFRS, US_GAAP};
use crate::model::dataset::Figure;

/// One fact as the file gives it (other fields are skipped).
#[derive(Debug, Clone, Deserialize)]
pub(super) struct Fact {
    #[serde(default)]
    pub(super) start: Option<String>,
    pub(super) end: String,
    pub(super) val: f64,
    #[serde(default)]
    pub(super) accn: String,
    #[serde(default)]
    pub(super) form: String,
    #[serde(default)]
    pub(super) filed: String,
}

/// A concept's facts by unit.
pub(super) type Units = BTreeMap<String, Vec<Fact>>;

/// What the reader keeps of the file.
#[derive(Debug, Default)]
pub(super) struct Facts {
    pub(super) cik: Option<String>,
    pub(super) name: Option<String>,
    pub(super) ticker: Option<String>,
    pub(super) saw_facts: bool,
    /// `(taxonomy, concept) -> units`.
    pub(super) concepts: BTreeMap<(String, String), Units>,
}

fn wanted(taxonomy: &str, concept: &str) -> bool {
    let listed = |table: &[(Figure, &[&str])]| table.iter().any(|(_, cs)| cs.contains(&concept));
    match taxonomy {
        "us-gaap" => listed(&US_GAAP) || concept == CAPITALISED_SOFTWARE,
        "ifrs-full" => listed(&IFRS),
        "dei" => concept == "TradingSymbol",
        _ => false,
    }
}

/// The JSON path as the reader descends; left at the failing value on an error.
#[derive(Default)]
pub(super) struct PathTrack(RefCell<Vec<String>>);

impl PathTrack {
    fn push(&self, s: String) {
        self.0.borrow_mut().push(s);
    }
    fn pop(&self) {
        self.0.borrow_mut().pop();
    }
    fn render(&self) -> String {
        let parts = self.0.borrow();
        let mut out = String::new();
        for p in parts.iter() {
            if !p.starts_with('[') && !out.is_empty() {
                out.push('.');
            }
            out.push_str(p);
        }
        out
    }
}

/// Declares a seed that reads a JSON object key by key: `$body` runs for each key with
/// the path extended by it, and reads (or skips) the value through `$map`.
macro_rules! object_seed {
    ($name:ident { $($field:ident: $ty:ty),* }, |$self_:ident, $key:ident, $map:ident| $body:block) => {
        struct $name<'a> {
            track: &'a PathTrack,
            $($field: $ty,)*
        }

        impl<'de> DeserializeSeed<'de> for $name<'_> {
            type Value = ();
            fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_map(self)
            }
        }

        impl<'de> Visitor<'de> for $name<'_> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut $map: A) -> Result<(), A::Error> {
                let $self_ = self;
                while let Some($key) = $map.next_key::<std::borrow::Cow<'de, str>>()? {
                    $self_.track.push($key.to_string());
                    $body
                    $self_.track.pop();
                }
                Ok(())
            }
        }
    };
}

object_seed!(Root { facts: &'a mut Facts }, |s, key, map| {
    match key.as_ref() {
        "cik" => s.facts.cik = map.next_value::<Text>()?.0,
        "entityName" => s.facts.name = map.next_value()?,
        "ticker" => s.facts.ticker = map.next_value()?,
        "facts" => {
            s.facts.saw_facts = true;
            map.next_value_seed(Taxonomies {
                track: s.track,
                facts: &mut *s.facts,
            })?;
        }
        _ => {
            map.next_value::<IgnoredAny>()?;
        }
    }
});

object_seed!(Taxonomies { facts: &'a mut Facts }, |s, key, map| {
    map.next_value_seed(Concepts {
        track: s.track,
        facts: &mut *s.facts,
        taxonomy: &key,
    })?;
});

object_seed!(Concepts { facts: &'a mut Facts, taxonomy: &'a str }, |s, key, map| {
    if wanted(s.taxonomy, &key) {
        map.next_value_seed(Concept {
            track: s.track,
            facts: &mut *s.facts,
            taxonomy: s.taxonomy,
            concept: &key,
        })?;
    } else {
        map.next_value::<IgnoredAny>()?;
    }
});

object_seed!(Concept { facts: &'a mut Facts, taxonomy: &'a str, concept: &'a str }, |s, key, map| {
    if key == "units" {
        let units = s
            .facts
            .concepts
            .entry((s.taxonomy.to_owned(), s.concept.to_owned()))
            .or_default();
        map.next_value_seed(UnitMap {
            track: s.track,
            units,
        })?;
    } else {
        map.next_value::<IgnoredAny>()?;
    }
});

object_seed!(UnitMap { units: &'a mut Units }, |s, key, map| {
    let list = map.next_value_seed(FactList(s.track))?;
    s.units.insert(key.to_string(), list);
});

/// `cik` is a number in most files and a zero-padded string in some.
struct Text(Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            S(String),
            N(u64),
            Other(IgnoredAny),
        }
        Ok(Text(match Raw::deserialize(d)? {
            Raw::S(s) => Some(s),
            Raw::N(n) => Some(n.to_string()),
            Raw::Other(_) => None,
        }))
    }
}

/// A list of facts, tracking the index of each.
struct FactList<'a>(&'a PathTrack);

impl<'de> DeserializeSeed<'de> for FactList<'_> {
    type Value = Vec<Fact>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Vec<Fact>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FactList<'_> {
    type Value = Vec<Fact>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of facts")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Fact>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        loop {
            self.0.push(format!("[{}]", out.len()));
            match seq.next_element::<Fact>()? {
                Some(f) => out.push(f),
                None => {
                    self.0.pop();
                    return Ok(out);
                }
            }
            self.0.pop();
        }
    }
}

/// Reads the parts of the file the rules use.
pub(super) fn read_facts(bytes: &[u8], track: &PathTrack) -> Result<Facts, serde_json::Error> {
    let mut facts = Facts::default();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    Root {
        track,
        facts: &mut facts,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(facts)
}

/// A JSON error at its JSON path (a value of the wrong type) or its line:column
/// (syntax, truncation).
pub(super) fn json_error(name: &str, e: &serde_json::Error, track: &PathTrack) -> ImportError {
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(i) => text.get(..i).unwrap_or(&text).to_owned(),
        None => text,
    };
    let path = track.render();
    match e.classify() {
        serde_json::error::Category::Eof => ImportError::at(
            name,
            format!("{}:{}", e.line(), e.column()),
            ImportErrorKind::Json(if path.is_empty() {
                "the file ends too early (truncated JSON)".to_owned()
            } else {
                format!("the file ends too early (truncated JSON), inside {path}")
            }),
        ),
        serde_json::error::Category::Data if !path.is_empty() => {
            ImportError::at(name, path, ImportErrorKind::Json(message))
        }
        serde_json::error::Category::Data => ImportError::whole(
            name,
            ImportErrorKind::NotCompanyFacts(format!("the top level is not an object ({message})")),
        ),
        _ => ImportError::at(
            name,
            format!("{}:{}", e.line(), e.column()),
            ImportErrorKind::Json(message),
        ),
    }
}
