//! A fast reader for the plain subset of RON that dataset files are written in.
//!
//! `ron`'s general deserializer reads about 45 MB/s here, which made a 5 MB dataset take
//! over 100 ms to open. Dataset files use a small part of RON: structs in parentheses,
//! lists, string-keyed maps, plain decimal numbers, quoted strings with simple escapes,
//! unit and one-field enum variants, `//` comments, and implicit `Some`. This module
//! reads exactly that subset, driving the same `serde` derives as `ron` does, and
//! **declines** anything else (raw strings, block comments, `#![enable]` attributes,
//! hex or `_`-separated numbers, `inf`/`NaN`, non-ASCII identifiers or whitespace, any
//! error at all). [`crate::model::load::parse`] then falls back to `ron`, which stays
//! the reference: it accepts the full syntax and produces every error message, with its
//! line:column. The contract, checked by differential property tests and the fuzz
//! target, is one-way: when this reader returns a value, `ron` (with `implicit_some`)
//! returns the identical value for the same text.

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

use super::dataset::Dataset;

/// Reads a dataset with the fast path; `None` means "not sure, ask `ron`".
pub fn dataset(text: &str) -> Option<Dataset> {
    let mut r = Reader {
        src: text.as_bytes(),
        text,
        pos: 0,
    };
    r.ws().ok()?;
    if r.peek() == Some(b'#') {
        return None;
    }
    let ds = Dataset::deserialize(&mut r).ok()?;
    r.ws().ok()?;
    (r.pos == r.src.len()).then_some(ds)
}

/// The only error: "this reader declines the input". Its text is never shown to users.
#[derive(Debug)]
pub struct Decline;

impl fmt::Display for Decline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("outside the fast RON subset")
    }
}

impl std::error::Error for Decline {}

impl de::Error for Decline {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Decline
    }
}

type Res<T> = Result<T, Decline>;

/// Cursor over the text; `src` and `text` are the same bytes.
struct Reader<'de> {
    src: &'de [u8],
    text: &'de str,
    pos: usize,
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The characters `ron` reads as one number token.
fn is_number_char(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'e' | b'E' | b'.' | b'+' | b'-' | b'_')
}

impl<'de> Reader<'de> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn at(&self, offset: usize) -> Option<u8> {
        self.src.get(self.pos + offset).copied()
    }

    /// Skips ASCII whitespace and newline-terminated `//` comments.
    fn ws(&mut self) -> Res<()> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => self.pos += 1,
                b'/' if self.at(1) == Some(b'/') => {
                    let rest = self.src.get(self.pos..).unwrap_or_default();
                    // A comment running into the end of the file is left to ron.
                    let nl = rest.iter().position(|&c| c == b'\n').ok_or(Decline)?;
                    self.pos += nl + 1;
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn expect(&mut self, b: u8) -> Res<()> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Decline)
        }
    }

    /// An ASCII identifier; declines if a non-ASCII byte follows (it may continue it).
    fn ident(&mut self) -> Res<&'de str> {
        let start = self.pos;
        if !self.peek().is_some_and(is_ident_start) {
            return Err(Decline);
        }
        while self.peek().is_some_and(is_ident_continue) {
            self.pos += 1;
        }
        if self.peek().is_some_and(|b| b >= 0x80) {
            return Err(Decline);
        }
        self.text.get(start..self.pos).ok_or(Decline)
    }

    /// After a value inside a list, map or struct: a comma, or the closing bracket.
    fn after_item(&mut self, close: u8) -> Res<()> {
        self.ws()?;
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(())
            }
            Some(b) if b == close => Ok(()),
            _ => Err(Decline),
        }
    }

    /// The number token at the cursor, which must be followed by a non-identifier byte.
    fn number_token(&mut self) -> Res<&'de str> {
        let start = self.pos;
        while self.peek().is_some_and(is_number_char) {
            self.pos += 1;
        }
        if self
            .peek()
            .is_some_and(|b| is_ident_continue(b) || b >= 0x80)
        {
            return Err(Decline);
        }
        self.text.get(start..self.pos).ok_or(Decline)
    }

    /// `-?digits(.digits)?([eE][+-]?digits)?`, no leading zeros, as an `f64`.
    fn float(&mut self) -> Res<f64> {
        let tok = self.number_token()?;
        let b = tok.as_bytes();
        let mut i = usize::from(b.first() == Some(&b'-'));
        let int_start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let int_len = i - int_start;
        if int_len == 0 || (int_len > 1 && b.get(int_start) == Some(&b'0')) {
            return Err(Decline);
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            let frac_start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == frac_start {
                return Err(Decline);
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let exp_start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == exp_start {
                return Err(Decline);
            }
        }
        if i != b.len() {
            return Err(Decline);
        }
        tok.parse().map_err(|_| Decline)
    }

    /// `-?digits` (no leading zeros) as the integer type asked for.
    fn integer<T: std::str::FromStr>(&mut self, signed: bool) -> Res<T> {
        let tok = self.number_token()?;
        let digits = match tok.strip_prefix('-') {
            Some(d) if signed => d,
            Some(_) => return Err(Decline),
            None => tok,
        };
        let ok = !digits.is_empty()
            && digits.bytes().all(|c| c.is_ascii_digit())
            && !(digits.len() > 1 && digits.starts_with('0'));
        if !ok {
            return Err(Decline);
        }
        tok.parse().map_err(|_| Decline)
    }

    /// A double-quoted string; only the escapes `\" \\ \' \n \r \t \0` are read here.
    fn string(&mut self) -> Res<std::borrow::Cow<'de, str>> {
        self.expect(b'"')?;
        let start = self.pos;
        let rest = self.src.get(start..).ok_or(Decline)?;
        let end = rest
            .iter()
            .position(|&c| c == b'"' || c == b'\\')
            .ok_or(Decline)?;
        if rest.get(end) == Some(&b'"') {
            self.pos = start + end + 1;
            return self
                .text
                .get(start..start + end)
                .map(std::borrow::Cow::Borrowed)
                .ok_or(Decline);
        }
        let mut out = String::from(self.text.get(start..start + end).ok_or(Decline)?);
        self.pos = start + end;
        loop {
            let chunk_start = self.pos;
            let rest = self.src.get(chunk_start..).ok_or(Decline)?;
            let n = rest
                .iter()
                .position(|&c| c == b'"' || c == b'\\')
                .ok_or(Decline)?;
            out.push_str(self.text.get(chunk_start..chunk_start + n).ok_or(Decline)?);
            self.pos = chunk_start + n;
            if self.peek() == Some(b'"') {
                self.pos += 1;
                return Ok(std::borrow::Cow::Owned(out));
            }
            let escaped = match self.at(1) {
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'\'') => '\'',
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'0') => '\0',
                _ => return Err(Decline),
            };
            out.push(escaped);
            self.pos += 2;
        }
    }

    /// `(value)` or `(value,)`, as in `Some(1.5)` and `SegmentGrowth("Voice")`.
    fn parenthesised<T>(&mut self, inner: impl FnOnce(&mut Self) -> Res<T>) -> Res<T> {
        self.expect(b'(')?;
        self.ws()?;
        let v = inner(self)?;
        self.ws()?;
        if self.peek() == Some(b',') {
            self.pos += 1;
            self.ws()?;
        }
        self.expect(b')')?;
        Ok(v)
    }

    /// `open` entries `close`: struct fields (`name: value`) or map entries (`"key": value`).
    fn entries<V: Visitor<'de>>(
        &mut self,
        open: u8,
        close: u8,
        keys_are_fields: bool,
        visitor: V,
    ) -> Res<V::Value> {
        self.expect(open)?;
        let v = visitor.visit_map(Entries {
            r: &mut *self,
            close,
            keys_are_fields,
        })?;
        self.ws()?;
        self.expect(close)?;
        Ok(v)
    }

    /// Whether the identifier at the cursor is exactly `word`.
    fn at_word(&self, word: &str) -> bool {
        let end = self.pos + word.len();
        self.src.get(self.pos..end) == Some(word.as_bytes())
            && !self
                .src
                .get(end)
                .is_some_and(|&b| is_ident_continue(b) || b >= 0x80)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Decline;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Res<V::Value> {
        Err(Decline)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        if self.at_word("true") {
            self.pos += 4;
            visitor.visit_bool(true)
        } else if self.at_word("false") {
            self.pos += 5;
            visitor.visit_bool(false)
        } else {
            Err(Decline)
        }
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_i32(self.integer(true)?)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_i64(self.integer(true)?)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_u32(self.integer(false)?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_u64(self.integer(false)?)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_f64(self.float()?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        match self.string()? {
            std::borrow::Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            std::borrow::Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        if self.at_word("None") {
            self.pos += 4;
            visitor.visit_none()
        } else if self.at_word("Some") {
            // Explicit `Some(value)`; `Some (` and friends are left to ron.
            self.pos += 4;
            self.parenthesised(|r| visitor.visit_some(r))
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.expect(b'[')?;
        let v = visitor.visit_seq(Items {
            r: &mut *self,
            close: b']',
        })?;
        self.ws()?;
        self.expect(b']')?;
        Ok(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.entries(b'{', b'}', false, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        // A named struct (`Source(...)`) is left to ron, which checks the name.
        self.entries(b'(', b')', true, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        let variant = self.ident()?;
        visitor.visit_enum(Variant { r: self, variant })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i128 u8 u16 u128 f32 char bytes byte_buf unit unit_struct
        newtype_struct tuple tuple_struct ignored_any
    }
}

/// The elements of a list.
struct Items<'a, 'de> {
    r: &'a mut Reader<'de>,
    close: u8,
}

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = Decline;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Res<Option<T::Value>> {
        self.r.ws()?;
        if self.r.peek() == Some(self.close) {
            return Ok(None);
        }
        let v = seed.deserialize(&mut *self.r)?;
        self.r.after_item(self.close)?;
        Ok(Some(v))
    }
}

/// The fields of a struct (`name: value`) or the entries of a map (`"key": value`).
struct Entries<'a, 'de> {
    r: &'a mut Reader<'de>,
    close: u8,
    keys_are_fields: bool,
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = Decline;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Res<Option<K::Value>> {
        self.r.ws()?;
        if self.r.peek() == Some(self.close) {
            return Ok(None);
        }
        let key = if self.keys_are_fields {
            let name = self.r.ident()?;
            seed.deserialize(name.into_deserializer())?
        } else {
            seed.deserialize(&mut *self.r)?
        };
        self.r.ws()?;
        self.r.expect(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Res<V::Value> {
        self.r.ws()?;
        let v = seed.deserialize(&mut *self.r)?;
        self.r.after_item(self.close)?;
        Ok(v)
    }
}

/// An enum value: a unit variant (`Millions`) or a one-field variant (`SegmentGrowth("Voice")`).
struct Variant<'a, 'de> {
    r: &'a mut Reader<'de>,
    variant: &'de str,
}

impl<'a, 'de> de::EnumAccess<'de> for Variant<'a, 'de> {
    type Error = Decline;
    type Variant = &'a mut Reader<'de>;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Res<(S::Value, Self::Variant)> {
        let v = seed.deserialize(self.variant.into_deserializer())?;
        Ok((v, self.r))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Reader<'de> {
    type Error = Decline;

    fn unit_variant(self) -> Res<()> {
        // `Millions(...)` and similar are left to ron.
        if self.peek() == Some(b'(') {
            return Err(Decline);
        }
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Res<T::Value> {
        self.parenthesised(|r| seed.deserialize(r))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Res<V::Value> {
        Err(Decline)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Res<V::Value> {
        Err(Decline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_ron(text: &str) -> Option<Dataset> {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .ok()
    }

    #[test]
    fn shipped_datasets_read_the_same_as_ron() {
        for (name, text) in crate::model::EXAMPLES {
            let fast = dataset(text);
            assert!(fast.is_some(), "{name} should be in the fast subset");
            assert_eq!(format!("{fast:?}"), format!("{:?}", by_ron(text)), "{name}");
        }
        let synthetic = crate::model::synthetic::ron_text(20, 5, 3);
        assert_eq!(
            format!("{:?}", dataset(&synthetic)),
            format!("{:?}", by_ron(&synthetic))
        );
    }

    const MINIMAL: &str = r#"(company: "A", currency: "USD", scale: Millions,
        source: (title: "t", basis: "b"), years: [(year: 2020, revenue: 1.5)])"#;

    #[test]
    fn escapes_options_and_variants_match_ron() {
        let cases = [
            MINIMAL.to_owned(),
            MINIMAL.replace("\"A\"", r#""A \"quoted\"\\ \n tab\t""#),
            MINIMAL.replace("revenue: 1.5", "revenue: 15e-1, gross_profit: Some(1.0,)"),
            MINIMAL.replace("revenue: 1.5", "revenue: -2, gross_profit: None"),
            MINIMAL.replace("scale: Millions,", "scale: Millions, // comment\n"),
            MINIMAL.replace(
                "years:",
                r#"watch: [(title: "w", levers: [SegmentGrowth( "x" ,), GrossMargin])], years:"#,
            ),
            MINIMAL.replace("])", ",],)"),
            MINIMAL.replace("revenue: 1.5", "revenue: 1.5, no_segment_split: true"),
            MINIMAL.replace("revenue: 1.5", "revenue: 1.5, no_segment_split: false"),
            MINIMAL.replace(
                "revenue: 1.5",
                "revenue: 1.5, operating_cash_flow: 2, capex: 0.5",
            ),
        ];
        for text in cases {
            let fast = dataset(&text);
            assert!(fast.is_some(), "fast path declined: {text}");
            assert_eq!(
                format!("{fast:?}"),
                format!("{:?}", by_ron(&text)),
                "{text}"
            );
        }
    }

    #[test]
    fn anything_unusual_is_declined() {
        let declined = [
            MINIMAL.replace("1.5", "1_000.5"),
            MINIMAL.replace("1.5", "0x10"),
            MINIMAL.replace("1.5", "inf"),
            MINIMAL.replace("1.5", "1.5f64"),
            MINIMAL.replace("1.5", ".5"),
            MINIMAL.replace("1.5", "01.5"),
            MINIMAL.replace("revenue: 1.5", "revenue: 1.5, no_segment_split: truely"),
            MINIMAL.replace("revenue: 1.5", "revenue: 1.5, no_segment_split: Some(true)"),
            MINIMAL.replace("2020", "2020.0"),
            MINIMAL.replace("\"A\"", "r\"A\""),
            MINIMAL.replace("\"A\"", r#""\u{41}""#),
            MINIMAL.replace("source: (", "source: Source("),
            MINIMAL.replace("scale: Millions,", "scale: Millions, /* block */"),
            format!("#![enable(implicit_some)]\n{MINIMAL}"),
            format!("{MINIMAL} // no newline at the end"),
            MINIMAL.replace("company", "compnay"),
            MINIMAL.replace("years: [(year: 2020, revenue: 1.5)]", ""),
            MINIMAL.replace(")])", ")]) trailing"),
            MINIMAL.replace("scale: Millions,", "scale: Millions\u{2028},"),
        ];
        for text in declined {
            assert!(dataset(&text).is_none(), "should be left to ron: {text}");
        }
    }
}
