//! From a field path to a place in the text: validation names what is wrong by path
//! (`years[6].segments."Mesaging"`), and a user wants `FILE:LINE:COL` with a caret, as
//! for syntax errors. This walks the RON text along the path, skipping comments,
//! strings and whole values, and reports where the named value (or map key) starts.
//!
//! It reads any RON the loader accepts (block comments, raw strings, named structs,
//! `Some(...)`); when the text does not have the path (it cannot, for a dataset that
//! parsed, but nothing here trusts that) the error keeps its field path.

use super::error::{LoadError, Location};

/// One step of a field path.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// `name`: a struct field; the position is its value.
    Field(String),
    /// `[i]`: a list element.
    Index(usize),
    /// `."key"`: a map entry; the position is its key.
    Key(String),
    /// `.0`: a field of a tuple variant (the segment's name in `SegmentGrowth("Voice")`).
    Tuple(usize),
}

/// Splits `years[6].segments."Mesaging"` into steps; `None` for anything else.
fn steps(path: &str) -> Option<Vec<Step>> {
    let mut out = Vec::new();
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b.get(i)? {
            b'.' => i += 1,
            b'[' => {
                let end = i + path.get(i..)?.find(']')?;
                out.push(Step::Index(path.get(i + 1..end)?.parse().ok()?));
                i = end + 1;
            }
            b'"' => {
                // Keys are written with `{name}`, unescaped: the closing quote is the
                // last quote before the next `.` step or the end.
                let rest = path.get(i + 1..)?;
                let end = rest.find("\".").unwrap_or(rest.len().checked_sub(1)?);
                out.push(Step::Key(rest.get(..end)?.to_owned()));
                i += end + 2;
            }
            _ => {
                let rest = path.get(i..)?;
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                let name = rest.get(..end)?;
                out.push(match name.parse() {
                    Ok(n) => Step::Tuple(n),
                    Err(_) => Step::Field(name.to_owned()),
                });
                i += end;
            }
        }
    }
    Some(out)
}

/// A cursor over RON text.
struct Scan<'a> {
    b: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    /// Skips whitespace, `//` comments and (nested) `/* */` comments.
    fn ws(&mut self) {
        loop {
            match (self.peek(), self.b.get(self.pos + 1)) {
                (Some(c), _) if c.is_ascii_whitespace() => self.pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    let mut depth = 0usize;
                    while self.pos < self.b.len() {
                        match (self.peek(), self.b.get(self.pos + 1)) {
                            (Some(b'/'), Some(b'*')) => {
                                depth += 1;
                                self.pos += 2;
                            }
                            (Some(b'*'), Some(b'/')) => {
                                depth = depth.saturating_sub(1);
                                self.pos += 2;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => self.pos += 1,
                        }
                    }
                }
                // Non-ASCII whitespace (ron accepts it): skip the whole character.
                (Some(c), _) if c >= 0x80 => {
                    let ch = self.text.get(self.pos..).and_then(|s| s.chars().next());
                    match ch {
                        Some(ch) if ch.is_whitespace() => self.pos += ch.len_utf8(),
                        _ => return,
                    }
                }
                _ => return,
            }
        }
    }

    /// A quoted string (its decoded text), or a raw string `r#"..."#`.
    fn string(&mut self) -> Option<String> {
        if self.peek() == Some(b'r') {
            self.pos += 1;
            let mut hashes = 0;
            while self.peek() == Some(b'#') {
                hashes += 1;
                self.pos += 1;
            }
            if self.peek() != Some(b'"') {
                return None;
            }
            let start = self.pos + 1;
            let close = format!("\"{}", "#".repeat(hashes));
            let end = start + self.text.get(start..)?.find(&close)?;
            self.pos = end + close.len();
            return self.text.get(start..end).map(str::to_owned);
        }
        if self.peek() != Some(b'"') {
            return None;
        }
        self.pos += 1;
        let mut out = String::new();
        loop {
            let ch = self.text.get(self.pos..)?.chars().next()?;
            self.pos += ch.len_utf8();
            match ch {
                '"' => return Some(out),
                '\\' => {
                    let esc = self.text.get(self.pos..)?.chars().next()?;
                    self.pos += esc.len_utf8();
                    out.push(match esc {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        other => other,
                    });
                }
                other => out.push(other),
            }
        }
    }

    /// An identifier or bare token (number, `true`, variant name).
    fn token(&mut self) -> Option<&str> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'+' | b'-'))
        {
            self.pos += 1;
        }
        (self.pos > start).then(|| self.text.get(start..self.pos))?
    }

    /// Skips one whole value of any kind.
    fn value(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'(' | b'[' | b'{' => self.group(),
            b'"' => self.string().map(|_| ()),
            b'r' if matches!(self.b.get(self.pos + 1), Some(b'"' | b'#')) => {
                self.string().map(|_| ())
            }
            b'\'' => {
                self.pos += 1;
                while self.peek()? != b'\'' {
                    if self.peek()? == b'\\' {
                        self.pos += 1;
                    }
                    self.pos += 1;
                }
                self.pos += 1;
                Some(())
            }
            _ => {
                self.token()?;
                self.ws();
                if self.peek() == Some(b'(') {
                    self.group()?;
                }
                Some(())
            }
        }
    }

    /// Skips a bracketed group and everything inside it.
    fn group(&mut self) -> Option<()> {
        let close = match self.peek()? {
            b'(' => b')',
            b'[' => b']',
            b'{' => b'}',
            _ => return None,
        };
        self.pos += 1;
        loop {
            self.ws();
            match self.peek()? {
                c if c == close => {
                    self.pos += 1;
                    return Some(());
                }
                b',' | b':' => self.pos += 1,
                _ => self.value()?,
            }
        }
    }

    /// Enters the value at the cursor: past a struct name or `Some(`, onto its bracket.
    fn enter(&mut self, open: u8) -> Option<()> {
        self.ws();
        if self.peek()?.is_ascii_alphabetic() {
            let is_some = self.token()? == "Some";
            self.ws();
            if is_some && self.peek()? == b'(' {
                self.pos += 1;
                return self.enter(open);
            }
        }
        (self.peek()? == open).then(|| self.pos += 1)
    }

    /// Moves to the value of struct field `name` in the struct at the cursor.
    fn field(&mut self, name: &str) -> Option<()> {
        self.enter(b'(')?;
        loop {
            self.ws();
            if self.peek()? == b')' {
                return None;
            }
            let key = self.token()?.to_owned();
            self.ws();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            self.ws();
            if key == name {
                return Some(());
            }
            self.value()?;
            self.ws();
            if self.peek() == Some(b',') {
                self.pos += 1;
            }
        }
    }

    /// Moves to element `index` of the list at the cursor.
    fn index(&mut self, index: usize) -> Option<()> {
        self.nth(b'[', index)
    }

    /// Moves to element `index` of the list (`open` is `[`) or tuple variant (`(`) at
    /// the cursor.
    fn nth(&mut self, open: u8, index: usize) -> Option<()> {
        self.enter(open)?;
        for _ in 0..index {
            self.ws();
            self.value()?;
            self.ws();
            if self.peek()? != b',' {
                return None;
            }
            self.pos += 1;
        }
        self.ws();
        (!matches!(self.peek()?, b']' | b')')).then_some(())
    }

    /// Moves to the key `key` of the map at the cursor.
    fn key(&mut self, key: &str) -> Option<()> {
        self.enter(b'{')?;
        loop {
            self.ws();
            if self.peek()? == b'}' {
                return None;
            }
            let at = self.pos;
            let k = self.string()?;
            if k == key {
                self.pos = at;
                return Some(());
            }
            self.ws();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            self.value()?;
            self.ws();
            if self.peek() == Some(b',') {
                self.pos += 1;
            }
        }
    }
}

/// Byte offset in `text` where the value at `path` starts (the key, for a map entry).
pub fn locate(text: &str, path: &str) -> Option<usize> {
    let mut s = Scan {
        b: text.as_bytes(),
        text,
        pos: 0,
    };
    s.ws();
    // `#![enable(...)]` attributes come before the value.
    while s.peek() == Some(b'#') {
        s.pos += 1;
        if s.peek() == Some(b'!') {
            s.pos += 1;
        }
        s.ws();
        s.group()?;
        s.ws();
    }
    for step in steps(path)? {
        match step {
            Step::Field(name) => s.field(&name)?,
            Step::Index(i) => s.index(i)?,
            Step::Key(k) => s.key(&k)?,
            Step::Tuple(i) => s.nth(b'(', i)?,
        }
    }
    s.ws();
    Some(s.pos)
}

/// The same error at `LINE:COL` with its source line, when its field path can be found
/// in `text`; unchanged otherwise.
pub fn at_text(text: &str, mut e: LoadError) -> LoadError {
    let Location::Field(path) = &e.location else {
        return e;
    };
    let Some(offset) = locate(text, path) else {
        return e;
    };
    let before = text.get(..offset).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |l| l.chars().count()) + 1;
    e.source_line = text.lines().nth(line - 1).map(str::to_owned);
    e.location = Location::LineCol { line, col };
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_steps() {
        assert_eq!(
            steps("years[6].segments.\"Mes.aging\""),
            Some(vec![
                Step::Field("years".into()),
                Step::Index(6),
                Step::Field("segments".into()),
                Step::Key("Mes.aging".into()),
            ])
        );
        assert_eq!(
            steps("presets[0].levers[1].lever"),
            Some(vec![
                Step::Field("presets".into()),
                Step::Index(0),
                Step::Field("levers".into()),
                Step::Index(1),
                Step::Field("lever".into()),
            ])
        );
    }

    #[test]
    fn finds_values_past_comments_strings_and_nesting() {
        let text = "/* a (block) */ Dataset(\n  company: \"A ) \\\" b\", // (\n  years: [(year: 1, segments: {\"x\": 1}), (year: 2, segments: { \"y\" : 2 })],\n  market_cap: Some((value: 3, as_of: \"\")),\n)";
        let at = |p: &str| locate(text, p).map(|o| &text[o..o + 3]);
        assert_eq!(at("company"), Some("\"A "));
        assert_eq!(at("years[1].year"), Some("2, "));
        assert_eq!(at("years[1].segments.\"y\""), Some("\"y\""));
        assert_eq!(at("market_cap.value"), Some("3, "));
        assert_eq!(at("years[2]"), None);
        assert_eq!(at("nothing"), None);
    }

    #[test]
    fn finds_the_field_of_a_tuple_variant() {
        let text = "(watch: [(levers: [GrossMargin, SegmentGrowth( /* s */ \"Voice\" )])])";
        let at = |p: &str| locate(text, p).map(|o| &text[o..o + 7]);
        assert_eq!(at("watch[0].levers[1]"), Some("Segment"));
        assert_eq!(at("watch[0].levers[1].0"), Some("\"Voice\""));
        assert_eq!(at("watch[0].levers[1].1"), None);
        assert_eq!(
            steps("levers[1].0"),
            Some(vec![
                Step::Field("levers".into()),
                Step::Index(1),
                Step::Tuple(0)
            ])
        );
    }
}
